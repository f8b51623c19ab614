package knowledge

// Analyzers are the public names of crisislint's analyzers, in the order of
// the catalogue. Users type them in flags, in .golangci.yml, in suppression
// comments and in SARIF rule ids: they never change. A name here whose
// analyzer is not built yet is still accepted in suppression comments.
var Analyzers = []string{
	"sqlconcat",
	"queryinloop",
	"readallbody",
	"globalgrowth",
	"handlerblock",
	"thirdpartysync",
	"httptimeout",
	"retrystorm",
	"cachestampede",
	"cachestale",
	"idempotency",
	// badignore reports malformed suppression comments.
	"badignore",
}

// IsAnalyzer reports whether name is the public name of an analyzer.
func IsAnalyzer(name string) bool {
	for _, n := range Analyzers {
		if n == name {
			return true
		}
	}
	return false
}
