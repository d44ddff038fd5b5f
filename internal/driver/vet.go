package driver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
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
		return tree, vetError(runErr, stderr.String())
	}
	return tree, decodeErr
}

// vetError condenses go vet's stderr into one line per problem: it drops
// the "# package" headers (folding the package into the line that follows)
// and the tool-name prefixes.
func vetError(runErr error, stderr string) error {
	var lines []string
	pkg := ""
	for line := range strings.Lines(stderr) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
		case strings.HasPrefix(line, "# "):
			pkg = strings.TrimPrefix(line, "# ")
		case strings.HasPrefix(line, "\t"), strings.HasPrefix(line, "        "):
			// context lines of a type error list add nothing to the first
		default:
			line = strings.TrimPrefix(strings.TrimPrefix(line, "vet: "), "asynclint: ")
			if pkg != "" && !strings.HasPrefix(line, "go: ") {
				line = "package " + pkg + ": " + line
			}
			lines = append(lines, line)
			pkg = ""
		}
	}
	if len(lines) == 0 {
		var exitErr *exec.ExitError
		if errors.As(runErr, &exitErr) {
			return fmt.Errorf("go vet failed (%v) without saying why", runErr)
		}
		return fmt.Errorf("running go vet: %v", runErr)
	}
	return errors.New(strings.Join(lines, "\n"))
}
