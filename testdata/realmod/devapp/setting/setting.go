// Package setting is the server's configuration, set at start-up.
package setting

// IsProd is set when the server runs in production.
var IsProd bool

// DisableDebug turns the debug pages off.
var DisableDebug bool

var e2e bool

// IsInE2eTesting reports whether the server runs for end-to-end tests.
func IsInE2eTesting() bool { return e2e }
