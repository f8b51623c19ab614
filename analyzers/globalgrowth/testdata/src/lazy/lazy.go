// Package lazy loads its themes on first use, and warns on a bad
// configuration: it grows cache.problems only sometimes, which its
// callers cannot tell from growth per request.
package lazy

import "cache"

var themes []string

func Themes() []string {
	if themes == nil {
		themes = []string{"light"}
		if len(themes) == 1 {
			cache.Warn("only one theme")
		}
	}
	return themes
}
