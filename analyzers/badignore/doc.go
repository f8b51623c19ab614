// Package badignore defines an Analyzer that reports malformed
// //crisislint:ignore comments.
//
// # Analyzer badignore
//
// badignore: report suppression comments without a reason or with an unknown analyzer
//
// The crisis: a typo silently disables a check.
//
// A //crisislint:ignore comment silences a finding on its own line and on
// the line below. It must name the analyzer it silences and say why the
// finding does not apply, so the next reader can judge whether it still
// holds:
//
//	//crisislint:ignore sqlconcat the column comes from the allowlist above
//	rows, err := db.Query("SELECT id FROM t ORDER BY " + col)
//
// badignore reports a suppression comment that names no analyzer, gives
// no reason, or names an analyzer crisislint does not have (a typo would
// otherwise silence nothing, quietly). Such a comment suppresses nothing.
// Its finding is a warning: it does no harm in production, but it ranks
// with the findings it fails to hide, so that a floor that shows them
// shows why they were not suppressed.
package badignore
