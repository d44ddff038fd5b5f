package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/demo"
	"github.com/asynclint/asynclint/internal/ruledoc"
)

// runRules lists every rule with its family, default state and summary.
func runRules(w io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "asynclint: rules takes no arguments")
		return 1
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, r := range analyzers.Suite {
		state := "on"
		if !r.DefaultOn {
			state = "off"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name(), r.Family, state, summary(r))
	}
	tw.Flush()
	return 0
}

func summary(r analyzers.Rule) string {
	d, err := ruledoc.Parse("// # Analyzer "+r.Name()+"\n//\n// "+r.Analyzer.Doc+"\npackage x\n", r.Name())
	if err != nil {
		return r.Analyzer.Doc
	}
	return d.Title
}

// runHelp prints the command's usage, or one rule's documentation.
func runHelp(w io.Writer, args []string) int {
	if len(args) == 0 {
		usage(w)
		return 0
	}
	status := 0
	for _, name := range args {
		r, ok := analyzers.Lookup(name)
		if !ok {
			fmt.Fprintf(os.Stderr, "asynclint: unknown rule %q; asynclint rules lists them\n", name)
			status = 1
			continue
		}
		fmt.Fprintf(w, "%s\n\nfamily: %s; on by default: %v\ndocs: %s\n", r.Analyzer.Doc, r.Family, r.DefaultOn, r.Analyzer.URL)
		r.Analyzer.Flags.VisitAll(func(f *flagT) {
			fmt.Fprintf(w, "  -%s.%s\t%s\n", r.Name(), f.Name, f.Usage)
		})
	}
	return status
}

// runDemo runs one rule's runtime demonstration, or lists them.
func runDemo(w io.Writer, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "asynclint: usage: asynclint demo RULE | asynclint demo -list")
		return 1
	}
	if args[0] == "-list" || args[0] == "--list" {
		for _, d := range demo.All {
			fmt.Fprintln(w, d.Rule)
		}
		return 0
	}
	for _, d := range demo.All {
		if d.Rule == args[0] {
			if err := d.Show(w); err != nil {
				fmt.Fprintf(os.Stderr, "asynclint: demo %s: %v\n", d.Rule, err)
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(os.Stderr, "asynclint: no demo for %q; asynclint demo -list lists them\n", args[0])
	return 1
}
