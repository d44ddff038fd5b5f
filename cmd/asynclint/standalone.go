package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/suppress"
)

type flagT = flag.Flag

// Exit codes, as in x/tools' drivers.
const (
	exitClean    = 0
	exitError    = 1
	exitFindings = 3
)

type options struct {
	json, sarif, fix, diff, tests bool
	tags                          string
	toolFlags                     []string // rule flags to pass through to go vet
}

func usage(w io.Writer) {
	fmt.Fprint(w, `asynclint reports Go concurrency pitfalls.

Usage:
	asynclint [flags] packages   analyze packages (./..., std, import paths)
	asynclint rules              list the rules
	asynclint help [rule]        this text, or one rule's documentation
	asynclint demo rule|-list    run a rule's runtime demonstration
	go vet -vettool=$(which asynclint) [flags] packages

Exit status: 0 clean, 3 findings, 1 error (with -json: 0 unless the run failed).

Flags:
`)
	fs := newFlagSet(&options{})
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// newFlagSet defines the command's flags: its own, then -RULE and
// -RULE.flag for every rule, and -ignore for the directive checker.
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("asynclint", flag.ContinueOnError)
	fs.BoolVar(&o.json, "json", false, "print the findings as x/tools' JSON tree")
	fs.BoolVar(&o.sarif, "sarif", false, "print the findings as SARIF 2.1.0, for code-scanning uploads")
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "print suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&o.tests, "test", true, "also analyze test files")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, as for go build")
	for _, r := range analyzers.Suite {
		state := "on by default"
		if !r.DefaultOn {
			state = "off by default"
		}
		fs.Var(new(boolValue), r.Name(), fmt.Sprintf("enable %s (%s): %s", r.Name(), state, summary(r)))
		registerFlags(fs, r.Analyzer)
	}
	fs.Var(new(boolValue), suppress.CheckerName, "report stale and malformed //asynclint:ignore directives (default on)")
	return fs
}

// boolValue is a bool flag that only records what the user typed.
type boolValue struct{ v string }

func (b *boolValue) String() string { return b.v }
func (b *boolValue) Set(s string) error {
	switch strings.ToLower(s) {
	case "1", "t", "true", "0", "f", "false":
		b.v = s
		return nil
	}
	return fmt.Errorf("want true or false")
}
func (b *boolValue) IsBoolFlag() bool { return true }

func runStandalone(args []string) int {
	var o options
	fs := newFlagSet(&o)
	fs.SetOutput(io.Discard) // errors are printed below, in one line
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			usage(os.Stderr)
			return exitClean
		}
		fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
		return exitError
	}
	// Everything the user set that belongs to the tool goes to go vet as typed.
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "json", "sarif", "fix", "diff", "test", "tags":
			return
		}
		o.toolFlags = append(o.toolFlags, "-"+f.Name+"="+f.Value.String())
	})
	set, _ := splitEnableFlags(o.toolFlags)
	if _, err := analyzers.Select(set); err != nil {
		fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
		return exitError
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		fmt.Fprintln(os.Stderr, "asynclint: no packages named; try asynclint ./...")
		return exitError
	}
	for _, p := range patterns {
		if strings.TrimSpace(p) == "" {
			fmt.Fprintln(os.Stderr, "asynclint: empty package pattern")
			return exitError
		}
	}
	if o.json && o.sarif || o.json && o.diff {
		fmt.Fprintln(os.Stderr, "asynclint: -json cannot be combined with -sarif or -diff")
		return exitError
	}

	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "asynclint: cannot find my own executable for go vet: %v\n", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt := driver.VetOptions{
		Tool:      exe,
		ToolFlags: o.toolFlags,
		Fix:       o.fix || o.diff,
		Diff:      o.diff,
		Stdout:    os.Stdout,
	}
	if o.tags != "" {
		opt.BuildFlags = []string{"-tags=" + o.tags}
	}
	tree, err := driver.Vet(ctx, opt, patterns)
	if opt.Fix || tree == nil {
		if err != nil {
			printError(err)
			return exitError
		}
		return exitClean
	}
	if !o.tests {
		tree.Filter(func(_ string, d driver.Diagnostic) bool {
			file, _, _ := driver.SplitPosn(d.Posn)
			return !strings.HasSuffix(file, "_test.go")
		})
	}
	status := printResults(tree, o)
	if err != nil {
		// Packages that did analyze still had their findings printed.
		printError(err)
		return exitError
	}
	return status
}

func printResults(tree driver.Tree, o options) int {
	if o.json {
		if err := tree.Print(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
			return exitError
		}
		return exitClean // x/tools: with -json, findings are not a failure
	}
	cwd, _ := os.Getwd()
	findings := tree.Findings()
	if o.sarif {
		if err := driver.WriteSARIF(os.Stdout, findings, cwd); err != nil {
			fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
			return exitError
		}
	} else {
		for _, f := range findings {
			fmt.Fprintf(os.Stderr, "%s: %s\n", driver.Relative(f.Posn, cwd), f.Message)
		}
	}
	if errs := tree.Errors(); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(os.Stderr, "asynclint: %s\n", e)
		}
		return exitError
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitClean
}

// printError prints each line of err as a line of its own.
func printError(err error) {
	for line := range strings.Lines(err.Error()) {
		fmt.Fprintf(os.Stderr, "asynclint: %s", strings.TrimSuffix(line, "\n")+"\n")
	}
}
