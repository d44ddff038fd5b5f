package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// treeRSS returns the summed resident set, in KiB, of pid and all its
// descendants, read from /proc.
func treeRSS(pid int) int64 {
	children := map[int][]int{}
	rss := map[int]int64{}
	entries, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, e := range entries {
		b, err := os.ReadFile(e)
		if err != nil {
			continue
		}
		// fields after the ")" closing the command name: state ppid ...
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 22 {
			continue
		}
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(e)))
		ppid, _ := strconv.Atoi(f[1])
		pages, _ := strconv.ParseInt(f[21], 10, 64) // rss, field 24 of stat
		children[ppid] = append(children[ppid], p)
		rss[p] = pages * int64(os.Getpagesize()) / 1024
	}
	var total int64
	var walk func(int)
	walk = func(p int) {
		total += rss[p]
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
	return total
}

// maxrss returns the largest resident set of a single process among the
// waited-for tree, in KiB (Linux reports ru_maxrss in KiB).
func maxrss(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
