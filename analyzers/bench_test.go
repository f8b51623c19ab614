package analyzers_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// BenchmarkAnalyzers times each analyzer on its own testdata, packages
// loaded once: go test -bench . ./analyzers shows a regression in an
// analyzer's own cost, apart from loading. The corpus command
// (bench/cmd/corpus) measures whole runs on real services.
func BenchmarkAnalyzers(b *testing.B) {
	for _, a := range analyzers.All {
		src := filepath.Join(a.Name, "testdata", "src")
		dirs, err := os.ReadDir(src)
		if err != nil {
			continue
		}
		var patterns []string
		for _, d := range dirs {
			if d.IsDir() {
				patterns = append(patterns, d.Name())
			}
		}
		b.Run(a.Name, func(b *testing.B) {
			gopath, pkgs := testgopath.Load(b, filepath.Join(a.Name, "testdata"), patterns...)
			// As the crisislint command does: analyze the testdata's own
			// packages (fakes included), not the standard library.
			testgopath.AnalyzeOwn(gopath, pkgs)
			b.ResetTimer()
			for range b.N {
				if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
