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

	// want +1 `names "sqlconcta", which is not a crisislint analyzer`
	//crisislint:ignore sqlconcta a typo
	_ = 5

	//crisislint:ignore sqlconcat,readallbody both are known and this is why
	_ = 6

	//crisislint:ignorex is another directive altogether
	_ = 7
}
