package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/demo"
	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

// runRules lists the rules, one line each: name, family, default state
// and summary.
func runRules(w io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "asynclint: rules takes no arguments; asynclint help RULE describes one rule")
		return exitError
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, r := range analyzers.Suite {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name(), r.Family, onOff(r.DefaultOn), title(r))
	}
	tw.Flush()
	return exitClean
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// runHelp prints the command's usage, or the full documentation of the
// rules named (the directive checker, ignore, included).
func runHelp(w io.Writer, args []string) int {
	if len(args) == 0 {
		usage(w)
		return exitClean
	}
	status := exitClean
	for i, name := range args {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if name == suppress.CheckerName {
			a := analyzers.All()
			helpAnalyzer(w, a[len(a)-1], "directive checker; on unless -ignore=false")
			continue
		}
		r, ok := analyzers.Lookup(name)
		if !ok {
			fmt.Fprintf(os.Stderr, "asynclint: unknown rule %q; asynclint rules lists them\n", name)
			status = exitError
			continue
		}
		helpAnalyzer(w, r.Analyzer, fmt.Sprintf("family: %s; on by default: %v", r.Family, r.DefaultOn))
	}
	return status
}

// helpAnalyzer prints a's whole documentation, then what the suite knows
// of it, its flags and how to silence it.
func helpAnalyzer(w io.Writer, a *analysis.Analyzer, meta string) {
	fmt.Fprintf(w, "%s\n\n%s\ndocs: %s\n", a.Doc, meta, a.URL)
	first := true
	a.Flags.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, "flags:")
			first = false
		}
		def := ""
		if f.DefValue != "false" && f.DefValue != "" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "  -%s.%s\n        %s%s\n", a.Name, f.Name, f.Usage, def)
	})
	if a.Name != suppress.CheckerName {
		fmt.Fprintf(w, "silence a finding: //asynclint:ignore %s reason (on its line or the line above)\n", a.Name)
	}
}

// runDemo runs one rule's runtime demonstration, or lists them.
func runDemo(w io.Writer, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "asynclint: usage: asynclint demo RULE | asynclint demo -list")
		return exitError
	}
	if args[0] == "-list" || args[0] == "--list" {
		for _, d := range demo.All {
			fmt.Fprintln(w, d.Rule)
		}
		return exitClean
	}
	for _, d := range demo.All {
		if d.Rule == args[0] {
			if err := d.Show(w); err != nil {
				fmt.Fprintf(os.Stderr, "asynclint: demo %s: %v\n", d.Rule, err)
				return exitError
			}
			return exitClean
		}
	}
	fmt.Fprintf(os.Stderr, "asynclint: no demo for %q; asynclint demo -list lists them\n", args[0])
	return exitError
}
