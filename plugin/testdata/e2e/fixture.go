// Package fixture is what the end-to-end test runs golangci-lint with the
// plugin, and the asynclint command, on: a finding of each kind of
// suppression, and one with related positions. The test copies it into a
// module of its own.
package fixture

import (
	"errors"
	"sync"
)

var ready bool // set by another goroutine

func fetch() error { return errors.New("unreachable host") }

func work(int) {}

// Reported by both: a plain finding.
func reported() {
	for !ready {
	}
}

// golangci-lint drops it; the command does not read //nolint.
func nolinted() {
	for !ready { //nolint:asynclint // ready is set before this runs
	}
}

// Both drop it: the rule itself honours the directive.
func ignored() {
	//asynclint:ignore spinloop ready is set before this runs
	for !ready {
	}
}

// Reported only when lostresult, off by default, is enabled.
func dropped() {
	go fetch()
}

// Both report the directive, which silences nothing (rule "ignore").
func staleIgnore() error {
	//asynclint:ignore spinloop nothing spins here any more
	return fetch()
}

// One finding with two related positions (a never-awaited group left by
// both returns): golangci-lint shows one issue.
func twoReturns(items []int) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, it := range items {
		go func() { defer wg.Done(); work(it) }()
	}
	if len(items) > 10 {
		return // the first related position; the function's end is the second
	}
	work(len(items))
}

// //nolint:asynclint on the finding silences its related positions too.
func nolintedWithRelated(items []int) error {
	var wg sync.WaitGroup
	wg.Add(len(items)) //nolint:asynclint // the workers end with the process
	for _, it := range items {
		go func() { defer wg.Done(); work(it) }()
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	return nil
}
