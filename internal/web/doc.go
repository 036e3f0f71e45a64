// Package web is vigil's dashboard, served at /ui by package api: a live
// feed of flagged events, filters, an event view with the verdict's
// evidence (deobfuscation trace, rules fired, ATT&CK techniques with names
// and tactics), the acknowledge and false-positive actions, and charts of
// alerts over time and top techniques.
//
// The dashboard is plain HTML, CSS and JavaScript modules embedded in the
// binary: no build step, no CDN, so it works offline. It talks only to the
// public REST API with the analyst's API key (scope admin), which it keeps
// in sessionStorage (localStorage when the analyst ticks "remember"), and
// reads the server-sent alert stream with fetch() and a ReadableStream
// because EventSource cannot send an Authorization header. No cookie is
// set, so the API cannot be driven cross-site through the dashboard.
//
// Every response carries a strict Content-Security-Policy (scripts and
// styles from the same origin only, no inline code, no framing). Event data
// is attacker-controlled (a command line may hold HTML): the scripts only
// ever render it as text nodes, never as markup.
package web
