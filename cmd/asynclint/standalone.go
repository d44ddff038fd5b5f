package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/suppress"
)

// Exit codes, as in x/tools' drivers.
const (
	exitClean    = 0
	exitError    = 1
	exitFindings = 3
)

type options struct {
	json, fix, diff, tests bool
	sarif                  string // file to write SARIF to; "-" for standard output
	tags                   string
	toolFlags              []string // rule flags to pass through to go vet
}

// newFlagSet defines the command's flags: its own, then -RULE and
// -RULE.flag for every rule, and -ignore for the directive checker.
// A rule's enable flag carries only its summary: its documentation is
// for asynclint help RULE.
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("asynclint", flag.ContinueOnError)
	fs.BoolVar(&o.json, "json", false, "print findings as x/tools' JSON tree on standard output")
	fs.StringVar(&o.sarif, "sarif", "", "also write findings as SARIF 2.1.0 to `file` (- for stdout)")
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "print suggested fixes as a unified diff instead of applying them")
	fs.BoolVar(&o.tests, "test", true, "drop findings in _test.go files (when set false)")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build `tags`, as for go build")
	for _, r := range analyzers.Suite {
		fs.Var(new(boolValue), r.Name(), fmt.Sprintf("%s: %s (default %s)", r.Family, title(r), onOff(r.DefaultOn)))
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
			usage(os.Stdout)
			return exitClean
		}
		fmt.Fprintf(os.Stderr, "asynclint: %s\n", flagError(err))
		return exitError
	}
	// Everything the user set that belongs to the tool goes to go vet as typed.
	fs.Visit(func(f *flag.Flag) {
		if !isCommandFlag(f.Name) {
			o.toolFlags = append(o.toolFlags, "-"+f.Name+"="+f.Value.String())
		}
	})
	set, _ := splitEnableFlags(o.toolFlags)
	if _, err := analyzers.Select(set); err != nil {
		fmt.Fprintf(os.Stderr, "asynclint: %v\n", err)
		return exitError
	}
	if strings.HasSuffix(o.sarif, "...") { // -sarif ./... took the pattern
		fmt.Fprintf(os.Stderr, "asynclint: -sarif took the package pattern %q as its file name; write -sarif=FILE\n", o.sarif)
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
		if strings.HasPrefix(p, "-") {
			fmt.Fprintf(os.Stderr, "asynclint: flag %s after the packages; flags come first: asynclint [flags] packages\n", p)
			return exitError
		}
	}
	switch {
	case o.json && o.diff:
		fmt.Fprintln(os.Stderr, "asynclint: -json cannot be combined with -diff")
		return exitError
	case o.json && o.sarif == "-":
		fmt.Fprintln(os.Stderr, "asynclint: -json and -sarif=- both print on standard output; write the SARIF to a file")
		return exitError
	case o.sarif != "" && (o.fix || o.diff):
		fmt.Fprintln(os.Stderr, "asynclint: -sarif cannot be combined with -fix or -diff")
		return exitError
	}
	// Open the SARIF file first, so that an unwritable path fails before
	// the analysis rather than after it.
	var sarif io.WriteCloser
	switch o.sarif {
	case "":
	case "-":
		sarif = nopCloser{os.Stdout}
	default:
		f, err := os.Create(o.sarif)
		if err != nil {
			fmt.Fprintf(os.Stderr, "asynclint: -sarif: %v\n", err)
			return exitError
		}
		sarif = f
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
	if opt.Fix {
		if err != nil {
			printError(err)
			return exitError
		}
		return exitClean
	}
	if !o.tests && tree != nil {
		tree.Filter(func(_ string, d driver.Diagnostic) bool {
			file, _, _ := driver.SplitPosn(d.Posn)
			return !strings.HasSuffix(file, "_test.go")
		})
	}
	var problems []string // one line each
	if err != nil {
		problems = slices.Collect(strings.Lines(err.Error()))
		for i, p := range problems {
			problems[i] = strings.TrimSuffix(p, "\n")
		}
	}
	if tree != nil {
		problems = append(problems, tree.Errors()...)
	}
	return report(tree, problems, o, sarif)
}

// report prints the findings of tree (nil if go vet printed none) in the
// form o asks for, then the problems of the run, and returns the exit
// status. Packages that analyzed have their findings reported even when
// others failed.
func report(tree driver.Tree, problems []string, o options, sarif io.WriteCloser) int {
	status := exitClean
	cwd, _ := os.Getwd()
	findings := tree.Findings()
	switch {
	case o.json:
		if tree != nil {
			if err := tree.Print(os.Stdout); err != nil {
				problems = append(problems, err.Error())
			}
		}
	default:
		for _, f := range findings {
			printFinding(os.Stderr, f, cwd)
		}
		if len(findings) > 0 {
			status = exitFindings
		}
	}
	if sarif != nil {
		err := driver.WriteSARIF(sarif, findings, driver.SARIFOptions{
			Root:     cwd,
			Rules:    analyzers.All(),
			Version:  moduleVersion(),
			Problems: problems,
		})
		if cerr := sarif.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			problems = append(problems, "-sarif: "+err.Error())
		}
	}
	for _, p := range problems {
		fmt.Fprintf(os.Stderr, "asynclint: %s\n", p)
	}
	if len(problems) > 0 {
		return exitError
	}
	return status // with -json, findings are not a failure (x/tools)
}

// printFinding prints f the way go vet and staticcheck print theirs, so
// that editors' problem matchers read it: "file:line:col: message (rule)",
// then each related position on a line of its own, indented by a tab.
// Files inside dir are shown relative to it.
func printFinding(w io.Writer, f driver.Finding, dir string) {
	fmt.Fprintf(w, "%s: %s (%s)\n", driver.Relative(f.Posn, dir), f.Message, f.Rule)
	for _, r := range f.Related {
		fmt.Fprintf(w, "\t%s: %s\n", driver.Relative(r.Posn, dir), r.Message)
	}
}

// printError prints each line of err as a line of its own.
func printError(err error) {
	for line := range strings.Lines(err.Error()) {
		fmt.Fprintf(os.Stderr, "asynclint: %s", strings.TrimSuffix(line, "\n")+"\n")
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// flagError rewrites an error of the flag package into one line that
// says what is wrong and where to look.
func flagError(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return unknownFlag(strings.TrimLeft(name, "-"))
	}
	if strings.HasPrefix(msg, "invalid boolean value") && strings.HasSuffix(msg, ": parse error") {
		msg = strings.TrimSuffix(msg, ": parse error") + ": want true or false"
	}
	return msg
}

// unknownFlag says why -name is not a flag, and which flags are near.
func unknownFlag(name string) string {
	rule, sub, isRuleFlag := strings.Cut(name, ".")
	if !isRuleFlag {
		return fmt.Sprintf("unknown flag -%s: no flag or rule has that name; asynclint -h lists the flags, asynclint rules the rules", name)
	}
	r, ok := analyzers.Lookup(rule)
	if !ok {
		return fmt.Sprintf("unknown flag -%s: there is no rule %q; asynclint rules lists them", name, rule)
	}
	var have []string
	r.Analyzer.Flags.VisitAll(func(f *flag.Flag) { have = append(have, "-"+rule+"."+f.Name) })
	if len(have) == 0 {
		return fmt.Sprintf("unknown flag -%s: %s has no flags", name, rule)
	}
	return fmt.Sprintf("unknown flag -%s: %s has no flag %q; its flags are %s", name, rule, sub, strings.Join(have, ", "))
}
