package driver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
)

// VetOptions configures a run of go vet with asynclint as its vet tool.
type VetOptions struct {
	Tool       string   // the asynclint executable
	Dir        string   // where to run; "" for the current directory
	Env        []string // environment; nil for this process's
	ToolFlags  []string // rule flags, passed through to the tool
	BuildFlags []string // go build flags such as -tags=x
	Fix        bool     // apply suggested fixes instead of reporting
	Diff       bool     // with Fix, print the diff to Stdout instead of applying
	Stdout     io.Writer
}

// Vet runs go vet -vettool over patterns and returns the merged results.
// With Fix it applies (or, with Diff, prints) the fixes and returns an
// empty tree. A failure of the go command or of the analysis (a package
// that does not type-check, say) is returned as an error whose text is one
// line per problem, without go vet's decoration.
func Vet(ctx context.Context, opt VetOptions, patterns []string) (Tree, error) {
	args := []string{"vet", "-vettool=" + opt.Tool}
	args = append(args, opt.BuildFlags...)
	switch {
	case opt.Fix && opt.Diff:
		args = append(args, "-fix", "-diff")
	case opt.Fix:
		args = append(args, "-fix")
	default:
		args = append(args, "-json")
	}
	args = append(args, opt.ToolFlags...)
	args = append(args, "--")
	args = append(args, patterns...)

	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = opt.Dir
	cmd.Env = opt.Env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	if opt.Fix && opt.Stdout != nil {
		cmd.Stdout = opt.Stdout
	}
	cmd.Stderr = &stderr
	runErr := cmd.Run()

	if opt.Fix {
		var exitErr *exec.ExitError
		if opt.Diff && errors.As(runErr, &exitErr) && stderr.Len() == 0 {
			return Tree{}, nil // go vet -diff exits 1 when there is a diff
		}
		if runErr != nil {
			return nil, vetError(runErr, stderr.String())
		}
		return Tree{}, nil
	}
	tree, decodeErr := Decode(&stdout)
	if runErr != nil {
		return tree, vetFailure(ctx, opt, patterns, runErr, stderr.String())
	}
	return tree, decodeErr
}

// vetFailure describes a failed go vet run: what it printed, condensed to
// one line per problem (see [condense]), then which of the packages
// named by patterns were not analyzed because of those failures, which
// go vet skips without a word.
func vetFailure(ctx context.Context, opt VetOptions, patterns []string, runErr error, stderr string) error {
	lines, failed := condense(stderr)
	if line, ok := newerGoLine(lines); ok {
		return errors.New(line) // the rest follows from it
	}
	if len(lines) == 0 {
		var exitErr *exec.ExitError
		if errors.As(runErr, &exitErr) {
			return fmt.Errorf("go vet failed (%v) without saying why", runErr)
		}
		return fmt.Errorf("running go vet: %v", runErr)
	}
	lines = append(lines, notAnalyzed(ctx, opt, patterns, failed)...)
	return errors.New(strings.Join(lines, "\n"))
}

// vetError condenses go vet's stderr after a failure, for the fix modes.
func vetError(runErr error, stderr string) error {
	lines, _ := condense(stderr)
	if line, ok := newerGoLine(lines); ok {
		return errors.New(line)
	}
	if len(lines) > 0 {
		return errors.New(strings.Join(lines, "\n"))
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		return fmt.Errorf("go vet failed (%v) without saying why", runErr)
	}
	return fmt.Errorf("running go vet: %v", runErr)
}

// condense turns go vet's stderr into one line per problem, each said
// once, and returns the packages whose build or analysis failed.
//
// go vet prints a failing package under a "# pkg" header, and the same
// type error can come twice: from the compiler, which builds the package
// for its dependents (up to ten errors, then "too many errors"), and from
// the vet tool on the package and on its test variant ("# [pkg]", first
// error only). Lines are folded under their package ("package pkg: ..."),
// test variants under the package itself, and a problem already said for
// a package at the same position is dropped. Indented lines continue the
// line before (import stacks, "have/want" notes, go get hints) and are
// joined to it.
func condense(stderr string) (lines []string, failed []string) {
	type problem struct{ pkg, text string }
	var problems []problem
	seen := map[[2]string]bool{}
	pkg := ""
	for line := range strings.Lines(stderr) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "# "):
			pkg = basePackage(strings.TrimPrefix(line, "# "))
			if !slices.Contains(failed, pkg) {
				failed = append(failed, pkg)
			}
		case strings.HasPrefix(line, "\t"), strings.HasPrefix(line, " "):
			if n := len(problems); n > 0 {
				problems[n-1].text += " " + strings.TrimSpace(line)
			}
		default:
			line = strings.TrimPrefix(strings.TrimPrefix(line, "vet: "), "asynclint: ")
			p := problem{pkg, line}
			if strings.HasPrefix(line, "go: ") {
				p.pkg = "" // the go command's own message, about no one package
			}
			problems = append(problems, p)
		}
	}
	for _, p := range problems {
		key := [2]string{p.pkg, p.text}
		if posn, rest, ok := strings.Cut(p.text, ": "); ok && isPosn(posn) {
			key[1] = posn
			if rest == "too many errors" { // the compiler's: it stops at ten
				p.text, key[1] = rest, rest
			}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if p.pkg != "" {
			lines = append(lines, "package "+p.pkg+": "+p.text)
		} else {
			lines = append(lines, p.text)
		}
	}
	return lines, failed
}

// basePackage returns the package a go command header names: "p" for
// "p", "[p]", "p [p.test]" and "p_test [p.test]"... the last being the
// external test package, which is a package of its own.
func basePackage(header string) string {
	header = strings.TrimSpace(header)
	if strings.HasPrefix(header, "[") && strings.HasSuffix(header, "]") {
		header = header[1 : len(header)-1]
	}
	p, _, _ := strings.Cut(header, " [")
	return p
}

// isPosn reports whether s looks like "file.go:line" or "file.go:line:col".
func isPosn(s string) bool {
	file, line, _ := SplitPosn(s)
	return line > 0 && strings.HasSuffix(file, ".go")
}

// maxNamed bounds how many packages one "not analyzed" line names.
const maxNamed = 10

// notAnalyzed names the packages matched by patterns that go vet did not
// analyze because a package they depend on (in their tests too) failed,
// one line per set of failed dependencies. When no package failed under
// a header, go vet stopped before analyzing anything, which it does when
// a package cannot be loaded (a missing import, an import cycle); that is
// said too. It asks go list, only after a failure, and says nothing more
// if go list fails as well.
func notAnalyzed(ctx context.Context, opt VetOptions, patterns []string, failed []string) []string {
	args := append([]string{"list", "-e", "-test", "-f", "{{.ImportPath}}\t{{.ForTest}}\t{{if or .Error .DepsErrors}}broken{{end}}\t{{join .Deps \" \"}}"}, opt.BuildFlags...)
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = opt.Dir, opt.Env
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	var order []string               // packages in go list's order
	because := map[string][]string{} // package -> failed packages it needs
	loadErrors := false
	for line := range strings.Lines(string(out)) {
		fields := strings.SplitN(strings.TrimSuffix(line, "\n"), "\t", 4)
		if len(fields) != 4 {
			continue
		}
		id, forTest, broken, deps := fields[0], fields[1], fields[2], fields[3]
		loadErrors = loadErrors || broken != ""
		if strings.HasSuffix(id, ".test") && forTest == "" {
			continue // the generated test main
		}
		p := basePackage(id)
		if forTest != "" && !strings.HasSuffix(p, "_test") {
			p = forTest
		}
		if !slices.Contains(order, p) {
			order = append(order, p)
		}
		if slices.Contains(failed, p) {
			continue // said above, with its errors
		}
		for d := range strings.FieldsSeq(deps) {
			if d = basePackage(d); slices.Contains(failed, d) && !slices.Contains(because[p], d) {
				because[p] = append(because[p], d)
			}
		}
	}
	if len(failed) == 0 {
		if loadErrors {
			return []string{"no package was analyzed: go vet stops when a package cannot be loaded"}
		}
		return nil
	}
	groups := map[string][]string{} // failed packages -> packages they stopped
	var keys []string
	for _, p := range order {
		if len(because[p]) == 0 {
			continue
		}
		slices.Sort(because[p])
		k := strings.Join(because[p], ", ")
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	var lines []string
	for _, k := range keys {
		ps := groups[k]
		named := strings.Join(ps[:min(len(ps), maxNamed)], ", ")
		if len(ps) > maxNamed {
			named += fmt.Sprintf(" and %d more", len(ps)-maxNamed)
		}
		lines = append(lines, fmt.Sprintf("not analyzed because %s failed: %s", k, named))
	}
	return lines
}
