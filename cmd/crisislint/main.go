// Command crisislint finds the code-level causes of production crises in
// Go services: SQL injection, request bodies read whole, and the rest of
// the catalogue. Run it as
//
//	crisislint ./...
//	go vet -vettool=$(command -v crisislint) ./...
//	crisislint lsp    # a language server, for editors
//
// crisislint help lists the analyzers; crisislint -explain NAME describes one.
package main

import (
	"context"
	"os"
	"strings"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/driver"
	"github.com/crisislint/crisislint/internal/lsp"
	"golang.org/x/tools/go/analysis/unitchecker"
)

func main() { os.Exit(crisislint()) }

func crisislint() int {
	if vetTool(os.Args[1:]) {
		// go vet speaks to its tool through the unitchecker protocol: a
		// -V=full or -flags query, then one .cfg file per package.
		unitchecker.Main(analyzers.All...) // exits
	}
	if len(os.Args) == 2 && os.Args[1] == "lsp" {
		return lsp.Serve(context.Background(), lsp.Stdio{In: os.Stdin, Out: os.Stdout}, driver.Version())
	}
	return driver.Main(os.Args[1:], os.Stdout, os.Stderr)
}

func vetTool(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
