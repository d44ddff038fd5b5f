// Command asynclint reports Go concurrency pitfalls: goroutines that leak
// or lose their results, cancellation that is swallowed or cut off, work
// that stalls an event loop, and unbounded fan-out.
//
// Usage:
//
//	asynclint [flags] packages   # analyze packages (patterns as for go build)
//	asynclint rules              # list the rules
//	asynclint help [rule]        # flags, or one rule's documentation
//	asynclint demo rule|-list    # run a rule's runtime demonstration
//
// It also serves as go vet's analysis tool:
//
//	go vet -vettool=$(which asynclint) ./...
//
// The standalone command drives exactly that route: go vet loads the
// packages, runs asynclint once per package with the facts of its
// dependencies, and caches the results, so an unchanged package costs
// nothing the second time.
package main

import (
	"fmt"
	"os"
)

func main() {
	args := os.Args[1:]
	if isVetTool(args) {
		runVetTool(args)
		return
	}
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			os.Exit(runRules(os.Stdout, args[1:]))
		case "help":
			os.Exit(runHelp(os.Stdout, args[1:]))
		case "demo":
			os.Exit(runDemo(os.Stdout, args[1:]))
		}
	}
	os.Exit(runStandalone(args))
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "asynclint: "+format+"\n", args...)
	os.Exit(1)
}
