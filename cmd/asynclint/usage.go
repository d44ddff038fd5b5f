package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/ruledoc"
	"github.com/asynclint/asynclint/internal/suppress"
)

// ignoreSyntax is the suppression directive, as -h and help show it.
const ignoreSyntax = "//asynclint:ignore RULE[,RULE] reason"

// usage prints the command's help: what it does, its commands and flags,
// the rules by family, and how to silence a finding. It fits on a screen
// whatever the number of rules: a rule is one word in its family's line
// (asynclint rules gives each its line, asynclint help RULE its text).
func usage(w io.Writer) {
	fmt.Fprint(w, `asynclint reports Go concurrency pitfalls: goroutines that leak or lose
their results, cancellation that is swallowed or cut off, work that stalls
an event loop, and unbounded fan-out.

Usage:
  asynclint [flags] packages   analyze packages (./..., std, import paths)
  asynclint rules              list the rules, one line each
  asynclint help RULE          one rule's documentation and flags
  asynclint demo RULE|-list    run a rule's runtime demonstration
  go vet -vettool=$(which asynclint) [rule flags] packages

Flags:
`)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	newFlagSet(&options{}).VisitAll(func(f *flag.Flag) {
		if isCommandFlag(f.Name) {
			arg, text := flag.UnquoteUsage(f)
			name := "-" + f.Name
			if arg != "" {
				name += " " + arg
			} else if f.DefValue == "true" {
				name += "=false"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", name, text)
		}
	})
	tw.Flush()

	// An off-by-default rule is bracketed, as an optional word is in a
	// synopsis: shorter than a " (off)" after it, so that each family
	// stays on one line or two.
	fmt.Fprint(w, "\nRules ([off] unless named; asynclint rules describes each):\n")
	var families []analyzers.Family
	byFamily := map[analyzers.Family][]string{}
	for _, r := range analyzers.Suite {
		if !slices.Contains(families, r.Family) {
			families = append(families, r.Family)
		}
		name := r.Name()
		if !r.DefaultOn {
			name = "[" + name + "]"
		}
		byFamily[r.Family] = append(byFamily[r.Family], name)
	}
	for _, f := range families {
		wrap(w, "  "+string(f)+": ", byFamily[f], " ")
	}
	var ruleFlags []string // -rule.flag, or -rule.{a,b} for a rule with several
	for _, r := range analyzers.Suite {
		var names []string
		r.Analyzer.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		switch len(names) {
		case 0:
		case 1:
			ruleFlags = append(ruleFlags, "-"+r.Name()+"."+names[0])
		default:
			ruleFlags = append(ruleFlags, "-"+r.Name()+".{"+strings.Join(names, ",")+"}")
		}
	}
	fmt.Fprint(w, `
  -RULE         run only the rules named this way (off-by-default ones too)
  -RULE=false   run the default rules but this one
  -ignore=false do not report stale or malformed ignore directives
  -RULE.FLAG    a rule's own flag; asynclint help RULE explains them:
`)
	wrap(w, "    ", ruleFlags, " ")
	fmt.Fprintf(w, `
Silence a finding, on its line or above: %s
Findings print as file:line:col: message (rule), related lines below.
Exit status: 0 clean, 3 findings, 1 error (-json: 0 unless it failed).
`, ignoreSyntax)
}

// isCommandFlag reports whether name is one of the command's own flags,
// as opposed to a rule's enable flag or a rule's own flag.
func isCommandFlag(name string) bool {
	if name == suppress.CheckerName || strings.Contains(name, ".") {
		return false
	}
	_, isRule := analyzers.Lookup(name)
	return !isRule
}

// wrap prints words after prefix, separated by sep, continuing on lines
// indented two more than prefix so that no line passes 80 columns.
func wrap(w io.Writer, prefix string, words []string, sep string) {
	const width = 80
	indent := strings.Repeat(" ", len(prefix)-len(strings.TrimLeft(prefix, " "))+2)
	line := prefix
	for i, word := range words {
		if i > 0 && len(line)+len(sep)+len(word) > width {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			line = indent + word
			continue
		}
		if i > 0 {
			line += sep
		}
		line += word
	}
	fmt.Fprintln(w, line)
}

// title returns a rule's one-line summary, without its name.
func title(r analyzers.Rule) string { return ruledoc.Title(r.Name(), r.Analyzer.Doc) }
