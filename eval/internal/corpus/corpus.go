// Package corpus knows the real code asynclint is evaluated on: the
// standard library and the modules pinned by eval/corpus.
package corpus

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir returns the directory of the corpus module under the repository root.
func Dir(root string) string { return filepath.Join(root, "eval", "corpus") }

// Packages lists every package of the modules the corpus module requires
// directly (not their nested modules, which it does not pin).
func Packages(root string) ([]string, error) {
	dir := Dir(root)
	out, err := goCmd(dir, "list", "-m", "-f", "{{if not .Indirect}}{{if not .Main}}{{.Path}}{{end}}{{end}}", "all")
	if err != nil {
		return nil, err
	}
	mods := strings.Fields(out)
	var patterns []string
	for _, m := range mods {
		patterns = append(patterns, m+"/...")
	}
	out, err = goCmd(dir, append([]string{"list", "-e", "-f", "{{if .Module}}{{.Module.Path}} {{.ImportPath}}{{end}}"}, patterns...)...)
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for line := range strings.Lines(out) {
		mod, pkg, _ := strings.Cut(strings.TrimSpace(line), " ")
		for _, m := range mods {
			if mod == m {
				pkgs = append(pkgs, pkg)
			}
		}
	}
	return pkgs, nil
}

func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		return "", err
	}
	return string(out), nil
}
