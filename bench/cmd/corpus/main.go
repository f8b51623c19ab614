// Command corpus measures crisislint on the corpus of real Go services in
// bench/corpus.json. Run it from the repository's root:
//
//	go run ./bench/cmd/corpus fetch             # download the modules (once)
//	go run ./bench/cmd/corpus tools             # install staticcheck and golangci-lint (once)
//	go run ./bench/cmd/corpus measure           # cost, findings, precision: bench/report.md
//	go run ./bench/cmd/corpus triage            # add rows for new findings to bench/triage/*.tsv
//	go run ./bench/cmd/corpus list gitea        # the findings, with keys and lines, to triage
//	go run ./bench/cmd/corpus robust            # panics, determinism, -fix, crisislint std
//
// Each command takes module names to restrict it (gitea, miniflux, ...).
// Downloads and tools go to bench/cache (or -cache DIR), never committed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/crisislint/crisislint/bench/corpus"
)

func main() {
	cache := flag.String("cache", "bench/cache", "where the modules and tools are downloaded")
	out := flag.String("out", "bench/report.md", "measure: where the report goes")
	prune := flag.Bool("prune", false, "triage: also drop the verdicts of findings that no longer exist")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/cmd/corpus [-cache DIR] [-out FILE] [-prune] fetch|tools|measure|triage|list|robust [module...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	pruneVerdicts = *prune
	if err := run(flag.Arg(0), flag.Args()[1:], *cache, *out); err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %v\n", err)
		os.Exit(1)
	}
}

func run(cmd string, names []string, cache, out string) error {
	all, err := corpus.Load("bench/corpus.json")
	if err != nil {
		return fmt.Errorf("%v (run from the repository's root)", err)
	}
	mods, err := corpus.Select(all, names)
	if err != nil {
		return err
	}
	cache, err = filepath.Abs(cache)
	if err != nil {
		return err
	}
	bin := filepath.Join(cache, "bin")
	modDir := filepath.Join(cache, "modules")
	switch cmd {
	case "fetch":
		for _, m := range mods {
			dir, err := corpus.Fetch(m, modDir)
			if err != nil {
				return err
			}
			fmt.Printf("%s@%s in %s\n", m.Name, m.Version, dir)
		}
	case "tools":
		for _, t := range []string{
			"honnef.co/go/tools/cmd/staticcheck@" + corpus.StaticcheckVersion,
			"github.com/golangci/golangci-lint/v2/cmd/golangci-lint@" + corpus.GolangciVersion,
		} {
			if err := gocmd([]string{"GOBIN=" + bin}, "install", t); err != nil {
				return err
			}
		}
	case "measure", "triage", "list", "robust":
		crisislint := filepath.Join(bin, "crisislint")
		if err := gocmd(nil, "build", "-o", crisislint, "./cmd/crisislint"); err != nil {
			return err
		}
		floor := filepath.Join(bin, "floor")
		if err := gocmd(nil, "build", "-o", floor, "./bench/cmd/floor"); err != nil {
			return err
		}
		switch cmd {
		case "measure":
			return measure(mods, modDir, crisislint, floor, bin, cache, out)
		case "triage":
			return triage(mods, modDir, crisislint, false)
		case "list":
			return triage(mods, modDir, crisislint, true)
		default:
			return robust(mods, modDir, crisislint)
		}
	default:
		flag.Usage()
		return fmt.Errorf("unknown command %q", cmd)
	}
	return nil
}

func gocmd(env []string, args ...string) error {
	c := exec.Command("go", args...)
	c.Env = append(os.Environ(), env...)
	c.Stdout, c.Stderr = os.Stdout, os.Stderr
	return c.Run()
}

func measure(mods []corpus.Module, modDir, crisislint, floor, bin, cache, out string) error {
	tools := corpus.Tools(crisislint, floor, bin, cache)
	var results []corpus.Result
	for _, m := range mods {
		dir, err := corpus.Fetch(m, modDir)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "measuring %s\n", m.Name)
		results = append(results, corpus.Measure(m, dir, tools))
	}
	corpus.ByName(results)
	report, err := corpus.Report(results, "bench/triage", time.Now())
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
		return err
	}
	fmt.Print(report)
	return nil
}

// triage adds rows without a verdict for new findings to the triage files;
// with list, it prints the findings instead, one per line: key, analyzer,
// file:line, function, message.
// pruneVerdicts is -prune.
var pruneVerdicts bool

func triage(mods []corpus.Module, modDir, crisislint string, list bool) error {
	for _, m := range mods {
		dir, err := corpus.Fetch(m, modDir)
		if err != nil {
			return err
		}
		stdout, _, _, err := corpus.Run(m.Env, dir, crisislint, "-json", "./...")
		if err != nil {
			return err
		}
		found, err := corpus.ParseFindings(stdout, dir)
		if err != nil {
			return err
		}
		if list {
			for _, f := range found {
				fmt.Printf("%s\t%s\t%s:%d\t%s\t%s\n", f.Key, f.Analyzer, f.File, f.Line, f.Function, f.Message)
			}
			continue
		}
		path := filepath.Join("bench/triage", m.Name+".tsv")
		vs, err := corpus.ReadTriage(path)
		if err != nil {
			return err
		}
		if pruneVerdicts {
			var dropped []corpus.Verdict
			vs, dropped = corpus.Prune(found, vs)
			for _, v := range dropped {
				fmt.Printf("%s: dropped %s %s %s (%s): no such finding now\n", path, v.Analyzer, v.File, v.Function, v.Verdict)
			}
		}
		merged := corpus.Merge(found, vs)
		if err := corpus.WriteTriage(path, m.Path+"@"+m.Version, merged); err != nil {
			return err
		}
		fmt.Printf("%s: %d findings, %d new rows without a verdict\n", path, len(found), len(merged)-len(vs))
	}
	return nil
}

func robust(mods []corpus.Module, modDir, crisislint string) error {
	failed := false
	for _, m := range mods {
		dir, err := corpus.Fetch(m, modDir)
		if err != nil {
			return err
		}
		problems := corpus.Robust(m, dir, crisislint)
		fmt.Printf("%s: %d problems\n", m.Name, len(problems))
		for _, p := range problems {
			fmt.Printf("  %s\n", p)
		}
		failed = failed || len(problems) > 0
	}
	problems := corpus.Std(crisislint)
	fmt.Printf("std: %d problems\n", len(problems))
	for _, p := range problems {
		fmt.Printf("  %s\n", p)
	}
	if failed || len(problems) > 0 {
		return fmt.Errorf("robustness problems found")
	}
	return nil
}
