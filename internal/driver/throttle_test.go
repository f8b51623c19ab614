package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// gauge counts the passes of an analyzer running at once.
type gauge struct {
	mu        sync.Mutex
	now, most int
}

func (g *gauge) run(d time.Duration) {
	g.mu.Lock()
	g.now++
	g.most = max(g.most, g.now)
	g.mu.Unlock()
	time.Sleep(d)
	g.mu.Lock()
	g.now--
	g.mu.Unlock()
}

// TestThrottle checks that the analyzers an analysis requires (effects,
// reqpath) run on no more packages at a time than the ones asked for, and
// still find their results under the analyzers they were declared with.
func TestThrottle(t *testing.T) {
	var depGauge, topGauge gauge
	dep := &analysis.Analyzer{
		Name:       "dep",
		Doc:        "dep: a required analyzer",
		ResultType: reflect.TypeFor[int](),
		Run: func(*analysis.Pass) (any, error) {
			depGauge.run(20 * time.Millisecond)
			return 42, nil
		},
	}
	top := &analysis.Analyzer{
		Name:     "top",
		Doc:      "top: an analyzer that requires dep",
		Requires: []*analysis.Analyzer{dep},
		Run: func(pass *analysis.Pass) (any, error) {
			topGauge.run(20 * time.Millisecond)
			if got := pass.ResultOf[dep]; got != 42 {
				return nil, fmt.Errorf("ResultOf[dep] = %v", got)
			}
			return nil, nil
		},
	}

	dir := t.TempDir()
	var patterns []string
	for i := range 4 * runtime.GOMAXPROCS(0) {
		name := fmt.Sprintf("p%d", i)
		patterns = append(patterns, name)
		if err := os.MkdirAll(filepath.Join(dir, "src", name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "src", name, "p.go"), []byte("package "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: loadMode,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}, patterns...)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading: %v", err)
	}

	graph, err := checker.Analyze(throttled([]*analysis.Analyzer{top}, runtime.GOMAXPROCS(0)), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
	}
	limit := runtime.GOMAXPROCS(0)
	if depGauge.most > limit || topGauge.most > limit {
		t.Errorf("at most %d passes at once, but dep ran %d and top %d at once", limit, depGauge.most, topGauge.most)
	}
}
