package web

import "net/http"

// ContentSecurityPolicy is sent with every dashboard response. Scripts and
// styles come only from the server itself and never inline, so markup
// smuggled into an event (a command line is attacker-controlled) could not
// run even if it were ever rendered as HTML; the page talks only to its own
// origin, loads no fonts or images from elsewhere, and cannot be framed
// (clickjacking on the acknowledge and false-positive buttons). Forms
// cannot submit anywhere: the key form is handled by script, and without
// script it must not put the key in a URL.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; " +
	"form-action 'none'; frame-ancestors 'none'"

// setSecurityHeaders adds the CSP and its companions to a response.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
}
