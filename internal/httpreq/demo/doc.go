// Package demo is vigil's traffic generator: a small mock e-commerce API
// (Shop), an access logger in front of it (Logger) and a client (Client)
// that mixes ordinary user flows (browse, search, log in, fill a cart,
// check out) with injection attempts. Each attempt is labelled by an
// Attack request header naming its type; the logger records the label and
// strips the header before the application or the log line sees it, so the
// logs carry labels without the requests giving them away.
//
// It writes labelled access logs in the shapes `vigil http scan` reads
// (JSON lines in the SecuritAI access-log shape, combined log format) at a
// chosen rate and attack share, to demo the live dashboard and as test data
// the project owns. The payloads are a short hand-written list, not
// dataset rows; the models never trained on this generator's output, though
// its normal requests resemble the synthetic ones they did train on, so it
// is a demo, not an evaluation.
package demo
