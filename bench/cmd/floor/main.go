// Command floor measures what any analyzer of a module must pay at least:
// listing its packages and type-checking them from source, their
// dependencies read from export data (packages.LoadSyntax). The corpus
// command times it beside crisislint as the cost floor.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax}, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(pkgs), "packages")
}
