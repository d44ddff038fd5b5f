// Command bench measures asynclint's cost against go vet's default suite
// (and staticcheck) on the same packages, side by side in one run.
//
//	go run ./eval/bench                       # std and corpus, every state, 3 runs
//	go run ./eval/bench -targets std -runs 5
//	go run ./eval/bench -targets corpus -states cold -tools govet,inprocess
//
// For each target (std; the corpus) and cache state it runs each tool and
// records the wall time and the peak memory: the largest resident set of
// the process tree summed over its processes (sampled every 100 ms), and
// the largest single process (from rusage). Cache states:
//
//	cold   an empty GOCACHE: everything is type-checked and analyzed afresh
//	built  a GOCACHE holding compiled packages (go build), no analysis results
//	warm   the GOCACHE the tool's own previous run left: results replay
//
// It prints a Markdown table with medians and ratios to go vet.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/asynclint/asynclint/eval/internal/corpus"
)

type target struct {
	name     string
	dir      string
	patterns []string
}

type tool struct {
	name string
	args func(patterns []string) []string // the command line
}

type sample struct {
	wall             time.Duration
	treeRSS, procRSS int64         // KiB
	minWall, maxWall time.Duration // over the runs, to tell a ratio from noise
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	runs := flag.Int("runs", 3, "runs per measurement (the median is reported)")
	targets := flag.String("targets", "std,corpus", "comma-separated targets: std, corpus")
	states := flag.String("states", "cold,built,warm", "comma-separated cache states")
	tools := flag.String("tools", "govet,staticcheck,asynclint,vettool", "comma-separated tools: govet, staticcheck, asynclint, vettool, inprocess")
	flag.Parse()

	root, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	work, err := os.MkdirTemp("", "bench")
	if err != nil {
		log.Fatal(err)
	}
	workDir = work
	defer os.RemoveAll(work)

	asynclint := filepath.Join(work, "asynclint")
	runEnv(root, nil, "go", "build", "-o", asynclint, "./cmd/asynclint")
	inprocess := filepath.Join(work, "inprocess")
	runEnv(root, nil, "go", "build", "-o", inprocess, "./eval/inprocess")
	staticcheck := filepath.Join(work, "staticcheck")
	// staticcheck is pinned by the tools module, not by asynclint's go.mod,
	// which every module requiring asynclint would inherit.
	runEnv(filepath.Join(root, "eval", "tools"), nil, "go", "build", "-o", staticcheck, "honnef.co/go/tools/cmd/staticcheck")

	all := []tool{
		{"govet", func(p []string) []string { return append([]string{"go", "vet"}, p...) }},
		{"staticcheck", func(p []string) []string { return append([]string{staticcheck, "-checks=inherit"}, p...) }},
		{"asynclint", func(p []string) []string { return append([]string{asynclint}, p...) }},
		{"vettool", func(p []string) []string { return append([]string{"go", "vet", "-vettool=" + asynclint}, p...) }},
		// x/tools' in-process checker, for comparison only (not a default)
		{"inprocess", func(p []string) []string { return append([]string{inprocess}, p...) }},
	}
	var chosen []tool
	for _, t := range all {
		if slices.Contains(strings.Split(*tools, ","), t.name) {
			chosen = append(chosen, t)
		}
	}

	fmt.Printf("| target | cache | tool | wall (median of %d) | range | ×go vet | peak RSS, tree | ×go vet | peak RSS, one process |\n", *runs)
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, tg := range loadTargets(root, strings.Split(*targets, ",")) {
		builtCache := filepath.Join(work, "built-"+tg.name)
		if strings.Contains(*states, "built") {
			// go build compiles what the packages need; cgo and all.
			// Test-only packages have nothing to build and would fail it.
			buildable := output(tg.dir, append([]string{"go", "list", "-e", "-f", "{{if .GoFiles}}{{.ImportPath}}{{end}}"}, tg.patterns...))
			runEnv(tg.dir, []string{"GOCACHE=" + builtCache}, "go", append([]string{"build"}, strings.Fields(buildable)...)...)
		}
		for _, state := range strings.Split(*states, ",") {
			var base sample
			for _, t := range chosen {
				s := measure(work, tg, t, state, builtCache, *runs)
				if t.name == "govet" {
					base = s
				}
				fmt.Printf("| %s | %s | %s | %.1f s | %.1f–%.1f s | %s | %d MiB | %s | %d MiB |\n", tg.name, state, t.name,
					s.wall.Seconds(), s.minWall.Seconds(), s.maxWall.Seconds(), ratio(float64(s.wall), float64(base.wall)),
					s.treeRSS/1024, ratio(float64(s.treeRSS), float64(base.treeRSS)), s.procRSS/1024)
			}
		}
	}
}

// workDir holds the built tools and the caches, gigabytes on the corpus;
// fatalf removes it, since log.Fatal skips main's deferred removal.
var workDir string

func fatalf(format string, args ...any) {
	if workDir != "" {
		os.RemoveAll(workDir)
	}
	log.Fatalf(format, args...)
}

func ratio(x, base float64) string {
	if base == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", x/base)
}

func loadTargets(root string, names []string) []target {
	var out []target
	for _, n := range names {
		switch n {
		case "std":
			out = append(out, target{"std", root, []string{"std"}})
		case "corpus":
			pkgs, err := corpus.Packages(root, corpus.Tuned...)
			if err != nil {
				fatalf("%v", err)
			}
			out = append(out, target{"corpus", corpus.Dir(root), pkgs})
		default:
			fatalf("unknown target %q", n)
		}
	}
	return out
}

// measure runs t on tg runs times in the given cache state and returns
// the median wall time and peak memories.
func measure(work string, tg target, t tool, state, builtCache string, runs int) sample {
	var samples []sample
	cache := filepath.Join(work, "cache-"+tg.name+"-"+t.name)
	for i := range runs {
		switch state {
		case "cold":
			os.RemoveAll(cache)
		case "built":
			os.RemoveAll(cache)
			runEnv(work, nil, "cp", "-a", builtCache, cache)
		case "warm":
			if i == 0 {
				os.RemoveAll(cache)
				timed(tg.dir, cache, t.args(tg.patterns)) // fill the cache
			}
		}
		samples = append(samples, timed(tg.dir, cache, t.args(tg.patterns)))
	}
	os.RemoveAll(cache)
	med := func(key func(sample) int64) int64 {
		v := make([]int64, len(samples))
		for i, s := range samples {
			v[i] = key(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:    time.Duration(med(func(s sample) int64 { return int64(s.wall) })),
		treeRSS: med(func(s sample) int64 { return s.treeRSS }),
		procRSS: med(func(s sample) int64 { return s.procRSS }),
		minWall: slices.MinFunc(samples, byWall).wall,
		maxWall: slices.MaxFunc(samples, byWall).wall,
	}
}

func byWall(a, b sample) int { return cmp.Compare(a.wall, b.wall) }

// timed runs argv with GOCACHE=cache and measures it. Findings make the
// tools exit non-zero, which is not a failure here.
func timed(dir, cache string, argv []string) sample {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=-mod=mod")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fatalf("%v", err)
	}
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var max int64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss := treeRSS(cmd.Process.Pid); rss > max {
				max = rss
			}
			select {
			case <-done:
				peak <- max
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			fatalf("%v", err)
		}
	}
	return sample{wall: wall, treeRSS: <-peak, procRSS: maxrss(cmd.ProcessState)}
}

// output runs argv in dir and returns its standard output.
func output(dir string, argv []string) string {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	return string(out)
}

func runEnv(dir string, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
