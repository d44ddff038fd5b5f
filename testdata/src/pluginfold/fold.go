// Package pluginfold checks what golangci-lint users see of a finding's
// related positions: the plugin folds them into the message.
package pluginfold

import (
	"errors"
	"sync"
)

func work(int) {}

func twoEarlyReturns(items []int) error {
	var wg sync.WaitGroup
	wg.Add(len(items)) // want `goroutines added to wg are never awaited; call wg.Wait\(\) before returning \(see line 19: returns here without waiting; line 22: returns here without waiting; line 24: returns here without waiting\)$`
	for _, it := range items {
		go func() { defer wg.Done(); work(it) }()
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	if len(items) > 5 {
		return errors.New("many")
	}
	return nil
}

func noRelated(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait() // ok: awaited on every path
}
