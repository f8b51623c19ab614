// Package setting is the server's configuration.
package setting

var (
	IsProd       bool
	DisableDebug bool
	Cfg          struct{ Debug bool }
)

func IsInE2eTesting() bool { return false }
