package a

func f() {
	//crisislint:ignore sqlconcat the column comes from an allowlist
	_ = 1

	//crisislint:ignore sqlconcat // the golangci-lint style of reason is fine too
	_ = 2

	// want +1 `^warning: this crisislint:ignore comment gives no reason, so it suppresses nothing; write //crisislint:ignore ANALYZER REASON`
	//crisislint:ignore sqlconcat
	_ = 3

	// want +1 `names no analyzer and gives no reason`
	//crisislint:ignore
	_ = 4

	// want +1 `names "sqlconcta", which is not a crisislint analyzer, so it suppresses nothing; known analyzers: `
	//crisislint:ignore sqlconcta a typo
	_ = 5

	//crisislint:ignore sqlconcat,readallbody both are known and this is why
	_ = 6

	//crisislint:ignorex is another directive altogether
	_ = 7

	// want +1 `names "nosuch", which is not a crisislint analyzer; the comment suppresses sqlconcat only`
	//crisislint:ignore sqlconcat,nosuch one typo among good names
	_ = 8

	// want +1 `this crisislint:ignore comment has a space after //, so it suppresses nothing; write //crisislint:ignore ANALYZER REASON`
	// crisislint:ignore sqlconcat a space after the slashes
	_ = 9

	/* crisislint:ignore sqlconcat a block comment */ // want `this crisislint:ignore comment is a block comment, so it suppresses nothing`
	_ = 10

	// Names reserved for analyzers not built yet are accepted.
	//crisislint:ignore httptimeout,idempotency,globalgrowth the catalogue reserves these
	_ = 11

	// A comment that mentions crisislint:ignore in prose is no directive.
	_ = 12
}
