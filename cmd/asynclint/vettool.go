package main

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/suppress"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// isVetTool reports whether args are go vet's: the -V=full or -flags
// handshake, or the analysis of one unit described by a .cfg file.
func isVetTool(args []string) bool {
	for _, a := range args {
		switch strings.TrimLeft(a, "-") {
		case "V=full", "flags":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// runVetTool serves go vet through unitchecker. unitchecker knows no rule
// that is off by default, and takes "-rule=true" to mean "only this rule"
// (which would drop the directive checker), so the rule enable flags are
// interpreted here, removed, and only the selected analyzers handed on.
func runVetTool(args []string) {
	if slices.Contains(args, "-V=full") {
		checkGoCommand() // go vet asks this once, before any package
	}
	set, rest := splitEnableFlags(args)
	list := analyzers.All() // the handshake must describe every flag
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasSuffix(a, ".cfg") && !strings.HasPrefix(a, "-") }) {
		unitchecker.Main(list...)
		return
	}
	selected, err := analyzers.Select(set)
	if err != nil {
		fatalf("%v", err)
	}
	checker, named := set[suppress.CheckerName]
	list = analyzers.ForRun(selected, !named || checker)
	// The flags of rules not selected must still parse, as go vet passes
	// whatever the user gave.
	for _, r := range analyzers.Suite {
		if !slices.Contains(selected, r.Analyzer) {
			registerFlags(flag.CommandLine, r.Analyzer)
		}
	}
	boundUnitTime(args[len(args)-1])
	os.Args = append([]string{os.Args[0]}, rest...)
	unitchecker.Main(list...)
}

// defaultUnitTimeout bounds the analysis of one package: no package of
// the standard library or the evaluation corpus takes a tenth of it, so
// reaching it means a bug (a loop in an analysis), reported as one
// instead of a hang.
const defaultUnitTimeout = 5 * time.Minute

// boundUnitTime stops the process with a clear error if analyzing the
// unit described by cfgFile takes longer than ASYNCLINT_UNIT_TIMEOUT
// (a Go duration; default 5m, 0 for no bound).
func boundUnitTime(cfgFile string) {
	d := defaultUnitTimeout
	if v := os.Getenv("ASYNCLINT_UNIT_TIMEOUT"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			fatalf("ASYNCLINT_UNIT_TIMEOUT=%q: %v", v, err)
		}
	}
	if d <= 0 {
		return
	}
	pkg := cfgFile
	if b, err := os.ReadFile(cfgFile); err == nil {
		var cfg struct{ ImportPath string }
		if json.Unmarshal(b, &cfg) == nil && cfg.ImportPath != "" {
			pkg = cfg.ImportPath
		}
	}
	time.AfterFunc(d, func() {
		fatalf("analysis of %s did not finish within %v (ASYNCLINT_UNIT_TIMEOUT); this is a bug in asynclint, please report it", pkg, d)
	})
}

// registerFlags adds a's flags to fs as -NAME.flag.
func registerFlags(fs *flag.FlagSet, a *analysis.Analyzer) {
	a.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
	})
}

// splitEnableFlags takes the rule enable flags (-RULE, -RULE=false, and
// -ignore for the directive checker) out of args, which must be a
// flag list, and returns their settings and the remaining arguments.
func splitEnableFlags(args []string) (map[string]bool, []string) {
	names := append(analyzers.Names(), suppress.CheckerName)
	set := map[string]bool{}
	var rest []string
	for i, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !slices.Contains(names, name) {
			rest = append(rest, a)
			continue
		}
		on := true
		if hasValue {
			b, err := strconv.ParseBool(value)
			if err != nil {
				fatalf("invalid value %q for flag -%s: want true or false", value, name)
			}
			on = b
		}
		set[name] = on
	}
	return set, rest
}
