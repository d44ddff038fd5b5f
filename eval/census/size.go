package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
)

// printSize prints, per group, the modules, packages and lines of Go that
// a census analyzes: every file go vet reads for a package and its tests
// (GoFiles, CgoFiles, TestGoFiles and XTestGoFiles), comments and blank
// lines included. The standard library counts as one module.
func printSize(w io.Writer, srcs []source) error {
	type size struct {
		mods               map[string]bool
		pkgs, files, lines int
	}
	by := map[string]*size{}
	for _, src := range srcs {
		cmd := exec.Command("go", append([]string{"list", "-e", "-json=Dir,Module,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles"}, src.packages...)...)
		cmd.Dir = src.dir
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("%s: go list: %v", src.name, err)
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for dec.More() {
			var p struct {
				Dir                                          string
				Module                                       *struct{ Path string }
				GoFiles, CgoFiles, TestGoFiles, XTestGoFiles []string
			}
			if err := dec.Decode(&p); err != nil {
				return fmt.Errorf("%s: go list: %v", src.name, err)
			}
			mod := "std"
			if p.Module != nil {
				mod = p.Module.Path
			}
			// groupOf takes a position; a module path with any version will do.
			g := groupOf(mod + "@")
			s := by[g]
			if s == nil {
				s = &size{mods: map[string]bool{}}
				by[g] = s
			}
			s.mods[mod] = true
			s.pkgs++
			for _, f := range slices.Concat(p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles) {
				b, err := os.ReadFile(filepath.Join(p.Dir, f))
				if err != nil {
					return err
				}
				s.files++
				s.lines += bytes.Count(b, []byte("\n"))
			}
		}
	}
	fmt.Fprintf(w, "%-34s %7s %8s %7s %10s\n", "group", "modules", "packages", "files", "lines")
	var mods, pkgs, files, lines int
	for _, g := range []string{groupTuned, groupNew} {
		if s := by[g]; s != nil {
			fmt.Fprintf(w, "%-34s %7d %8d %7d %10d\n", g, len(s.mods), s.pkgs, s.files, s.lines)
			mods, pkgs, files, lines = mods+len(s.mods), pkgs+s.pkgs, files+s.files, lines+s.lines
		}
	}
	fmt.Fprintf(w, "%-34s %7d %8d %7d %10d\n", "all", mods, pkgs, files, lines)
	return nil
}
