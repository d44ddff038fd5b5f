// Command census runs asynclint over the standard library and the pinned
// corpus (eval/corpus), and keeps docs/evaluation/findings.tsv: one row a
// finding with its verdict. Verdicts already in the file are kept when a
// finding moves (same rule, file and message); new findings get an empty
// verdict, to be judged. It prints, per rule, the findings, how they were
// judged and the precision with its 90 % confidence interval, apart for
// std with the twelve modules the rules were tuned on and for the rest of
// the corpus.
//
//	go run ./eval/census                 # std and the full corpus, update the TSV
//	go run ./eval/census -sample -check  # std and the corpus sample (what CI runs)
//	go run ./eval/census -only std       # one source
//	go run ./eval/census -check          # fail if a finding has no verdict
//	go run ./eval/census -size           # modules, packages and lines of Go; no analysis
//	go run ./eval/census -summary        # verdicts and precision per rule, from findings.tsv
//	go run ./eval/census -rules swallowedcancel,cancelledcleanup  # only these rules
//
// Rows of modules that a run does not analyze (with -only or -sample), and
// of rules it does not run (with -rules, or rules off by default in a run
// of the default suite), are kept as they are.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/asynclint/asynclint/eval/internal/corpus"
	"github.com/asynclint/asynclint/internal/driver"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("census: ")
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	tsvPath := flag.String("tsv", "docs/evaluation/findings.tsv", "the findings census to update")
	only := flag.String("only", "", "analyze only std or corpus")
	check := flag.Bool("check", false, "exit 1 if any finding lacks a verdict")
	ruleFlags := flag.String("flags", "", "space-separated rule flags passed to asynclint")
	sample := flag.Bool("sample", false, "analyze std and the corpus sample (eval/internal/corpus.Sample) only, as CI does")
	summary := flag.Bool("summary", false, "print the per-rule verdicts and precision of the findings census and exit; no analysis")
	size := flag.Bool("size", false, "print the corpus size (modules, packages, lines of Go) and exit")
	modules := flag.String("modules", "", "comma-separated corpus modules to analyze instead of all (or the sample)")
	inprocess := flag.Bool("inprocess", false, "analyze in this process with x/tools' checker, module by module, instead of go vet (much faster from a cold cache)")
	onlyRules := flag.String("rules", "", "comma-separated rules to run instead of the default suite; the rows of other rules are kept")
	flag.Parse()
	toolFlags := strings.Fields(*ruleFlags)
	var rules []string // nil: the default suite
	set := map[string]bool{}
	if *onlyRules != "" {
		rules = strings.Split(*onlyRules, ",")
		for _, r := range rules {
			toolFlags = append(toolFlags, "-"+r)
			set[r] = true
		}
	}
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flag.Args())
	}
	if *summary {
		rows, err := readTSV(*tsvPath)
		if err != nil {
			return err
		}
		printSummary(os.Stdout, rows)
		return nil
	}
	if *only != "" && *only != "std" && *only != "corpus" {
		return fmt.Errorf("-only takes std or corpus, not %q", *only)
	}

	root, err := os.Getwd()
	if err != nil {
		return err
	}
	var onlyMods []string
	if *modules != "" {
		onlyMods = strings.Split(*modules, ",")
	}
	srcs, err := sources(root, *sample, onlyMods)
	if err != nil {
		return err
	}
	if *size {
		return printSize(os.Stdout, srcs)
	}
	var analyze func(src source) (driver.Tree, error)
	if *inprocess {
		if err := setRuleFlags(strings.Fields(*ruleFlags)); err != nil {
			return err
		}
		analyze = func(src source) (driver.Tree, error) { return analyzeInProcess(root, src, set) }
	} else {
		tool, cleanup, err := buildTool()
		if err != nil {
			return err
		}
		defer cleanup()
		analyze = func(src source) (driver.Tree, error) {
			opt := driver.VetOptions{Tool: tool, Dir: src.dir, ToolFlags: toolFlags}
			return driver.Vet(context.Background(), opt, src.packages)
		}
	}

	var findings []row
	var analyzed []string // the modules analyzed ("std" for the standard library)
	var failed []string
	for _, src := range srcs {
		if *only != "" && *only != src.name {
			continue
		}
		start := time.Now()
		tree, err := analyze(src)
		if err != nil && tree == nil {
			return fmt.Errorf("%s: %v", src.name, err)
		}
		if err != nil {
			// In process, the packages that failed are reported and the
			// others' findings kept.
			failed = append(failed, fmt.Sprintf("%s: %v", src.name, err))
		}
		for _, f := range tree.Findings() {
			findings = append(findings, row{Rule: f.Rule, Posn: src.relative(f.Posn), Message: f.Message})
		}
		analyzed = append(analyzed, src.modules...)
		log.Printf("%s: %d packages, %d findings, %.0f s", src.name, len(src.packages), len(tree.Findings()), time.Since(start).Seconds())
	}

	old, err := readTSV(*tsvPath)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	merged := carryVerdicts(old, findings)
	ran, other := splitByRule(old, replaced(rules))
	merged = keepUnanalyzed(ran, merged, func(mod string) bool { return slices.Contains(analyzed, mod) })
	merged = keepUnanalyzed(other, merged, func(string) bool { return false })
	if err := writeTSV(*tsvPath, merged); err != nil {
		return err
	}
	unjudged := printSummary(os.Stdout, merged)
	if len(failed) > 0 {
		return fmt.Errorf("some packages could not be analyzed (their modules' rows were dropped):\n%s", strings.Join(failed, "\n"))
	}
	if *check && unjudged > 0 {
		return fmt.Errorf("%d findings have no verdict in %s", unjudged, *tsvPath)
	}
	return nil
}

// buildTool builds asynclint into a fresh directory (so that concurrent
// runs do not overwrite each other's binary) and returns its path.
func buildTool() (string, func(), error) {
	tmp, err := os.MkdirTemp("", "census")
	if err != nil {
		return "", nil, err
	}
	tool := filepath.Join(tmp, "asynclint")
	if out, err := exec.Command("go", "build", "-o", tool, "./cmd/asynclint").CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("building asynclint: %v\n%s", err, out)
	}
	return tool, func() { os.RemoveAll(tmp) }, nil
}

// source is a set of packages to analyze and how to name their files.
type source struct {
	name     string
	dir      string
	modules  []string // the modules it covers, as rows name them ("std" for the standard library)
	packages []string
	relative func(posn string) string
}

// sources returns std and the corpus; with sample, the corpus is its
// sample, and with modules, those modules.
func sources(root string, sample bool, modules []string) ([]source, error) {
	goroot := strings.TrimSpace(output("go", "env", "GOROOT"))
	modcache := strings.TrimSpace(output("go", "env", "GOMODCACHE"))
	version := runtime.Version()
	var mods []string
	switch {
	case len(modules) > 0:
		mods = modules
	case sample:
		mods = corpus.Sample
	default:
		all, err := corpus.Modules(root)
		if err != nil {
			return nil, err
		}
		for _, mv := range all {
			m, _, _ := strings.Cut(mv, "@")
			mods = append(mods, m)
		}
	}
	pkgs, err := corpus.Packages(root, mods...)
	if err != nil {
		return nil, err
	}
	return []source{
		{
			name:     "std",
			dir:      root,
			modules:  []string{"std"},
			packages: []string{"std"},
			relative: func(posn string) string {
				rel, _ := filepath.Rel(filepath.Join(goroot, "src"), posn)
				return "std@" + version + "/" + filepath.ToSlash(rel)
			},
		},
		{
			name:     "corpus",
			dir:      corpus.Dir(root),
			modules:  mods,
			packages: pkgs,
			relative: func(posn string) string {
				rel, _ := filepath.Rel(modcache, posn)
				return filepath.ToSlash(rel)
			},
		},
	}, nil
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		log.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}
