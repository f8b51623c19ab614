package driver

import "golang.org/x/tools/go/analysis"

// throttled returns copies of the analyzers, and of every analyzer they
// require (effects, reqpath: the heaviest), that run on at most n
// packages at a time. The checker starts every package whose dependencies
// are done at once; the work is CPU-bound, so running more at a time only
// keeps more of their transient data alive together.
//
// An analyzer finds what it requires in pass.ResultOf under the
// analyzers it declared, not under their copies: each copy's Run hands
// its analyzer a pass keyed by the originals.
//
// It replaces throttle in analyze.go, which wrapped only the analyzers
// asked for and left the ones they require to run on every ready package
// at once (TestThrottle).
func throttled(as []*analysis.Analyzer, n int) []*analysis.Analyzer {
	sem := make(chan struct{}, n)
	copies := make(map[*analysis.Analyzer]*analysis.Analyzer)
	original := make(map[*analysis.Analyzer]*analysis.Analyzer)
	var wrap func(a *analysis.Analyzer) *analysis.Analyzer
	wrap = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		c := *a
		copies[a], original[&c] = &c, a
		c.Requires = make([]*analysis.Analyzer, len(a.Requires))
		for i, r := range a.Requires {
			c.Requires[i] = wrap(r)
		}
		c.Run = func(pass *analysis.Pass) (any, error) {
			sem <- struct{}{}
			defer func() { <-sem }()
			p := *pass
			p.Analyzer = a
			p.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for r, res := range pass.ResultOf {
				p.ResultOf[original[r]] = res
			}
			return a.Run(&p)
		}
		return &c
	}
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = wrap(a)
	}
	return out
}
