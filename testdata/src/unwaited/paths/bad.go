package paths

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// With -unwaited.paths: groups awaited on some paths but not on every
// one are reported as well as groups never awaited.

func work(int)               {}
func fetch(string) error     { return nil }
func validate(x []int) error { return errors.New("bad") }

// The classic: an error inside the loop returns while earlier workers run.
func returnInsideLoop(items []int) error {
	var wg sync.WaitGroup
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item") // the workers started so far are abandoned
		}
		wg.Add(1) // want `goroutines added to wg are not awaited on every path; call wg.Wait\(\) before returning`
		go func() {
			defer wg.Done()
			work(it)
		}()
	}
	wg.Wait()
	return nil
}

// A check between starting and waiting returns early.
func checkBeforeWait(items []int) error {
	var wg sync.WaitGroup
	wg.Add(len(items)) // want `goroutines added to wg are not awaited on every path`
	for _, it := range items {
		go func() { defer wg.Done(); work(it) }()
	}
	if err := validate(items); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// Nobody ever waits.
func neverWaited(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1) // want `goroutines added to wg are never awaited; call wg.Wait\(\) before returning`
		go func() { defer wg.Done(); work(it) }()
	}
}

// The group from errgroup.WithContext, left on a fast path.
func errgroupFastPath(ctx context.Context, urls []string, cached bool) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `goroutines added to g are not awaited on every path; call g.Wait\(\) before returning`
	}
	if cached {
		return nil
	}
	_ = ctx
	return g.Wait()
}

// A zero-value errgroup.Group, left by one case of a switch.
func errgroupValueSwitch(mode int) error {
	var g errgroup.Group
	g.Go(func() error { return fetch("a") }) // want `goroutines added to g are not awaited`
	switch mode {
	case 0:
		return errors.New("mode 0 is not supported")
	case 1:
		work(1)
	}
	return g.Wait()
}

// sync.WaitGroup.Go (Go 1.25), left when the context is done first.
func waitGroupGoSelect(ctx context.Context, ch <-chan int) error {
	var wg sync.WaitGroup
	wg.Go(func() { work(1) }) // want `goroutines added to wg are not awaited`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case v := <-ch:
		work(v)
	}
	wg.Wait()
	return nil
}

// Waiting only in one branch: the other falls off the end.
func waitInOneBranch(wait bool) {
	wg := new(sync.WaitGroup)
	wg.Add(1) // want `goroutines added to wg are not awaited`
	go func() { defer wg.Done(); work(1) }()
	if wait {
		wg.Wait()
	}
}

// defer wg.Wait() covers only the paths that reach it.
func deferAfterEarlyReturn(items []int) error {
	wg := &sync.WaitGroup{}
	wg.Add(1) // want `goroutines added to wg are not awaited`
	go func() { defer wg.Done(); work(1) }()
	if len(items) == 0 {
		return errors.New("empty")
	}
	defer wg.Wait()
	return nil
}

// A return from inside a range over a channel leaves the workers.
func returnFromRange(results <-chan error) error {
	g := &errgroup.Group{}
	g.Go(func() error { return fetch("a") }) // want `goroutines added to g are not awaited`
	for err := range results {
		if err != nil {
			return err
		}
	}
	return g.Wait()
}

// TryGo starts goroutines too.
func tryGoEarlyReturn(urls []string) error {
	g := new(errgroup.Group)
	g.SetLimit(2)
	for _, u := range urls {
		if !g.TryGo(func() error { return fetch(u) }) { // want `goroutines added to g are not awaited`
			return errors.New("busy")
		}
	}
	return g.Wait()
}

// A labeled break out of the loop skips the wait.
func labeledBreakSkipsWait(batches [][]int) {
	var wg sync.WaitGroup
outer:
	for _, b := range batches {
		for _, it := range b {
			if it == 0 {
				break outer
			}
			wg.Add(1) // want `goroutines added to wg are not awaited`
			go func() { defer wg.Done(); work(it) }()
		}
		wg.Wait()
	}
}

// The first batch is waited for; the second is left on the error path,
// so the finding sits at the second batch's Add.
func secondBatchLeft(a, b []int) error {
	var wg sync.WaitGroup
	for _, it := range a {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait()
	for _, it := range b {
		wg.Add(1) // want `goroutines added to wg are not awaited`
		go func() { defer wg.Done(); work(it) }()
	}
	if err := validate(b); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// The condition changes between the Add and the Wait: a path adds under
// the first value and skips the Wait under the second.
func conditionReassigned(run bool, work func()) {
	var wg sync.WaitGroup
	if run {
		wg.Add(1) // want `goroutines added to wg are not awaited on every path`
		go func() {
			defer wg.Done()
			work()
		}()
	}
	run = !run
	if run {
		wg.Wait()
	}
}

// Past the search's bound (a limit, written in doc.go): eight conditions
// each guard an Add and, later, its Wait, more combinations than the
// search keeps for a function this size. It forgets the conditions and
// reports the first Add, as if a path could add under c0 and skip the
// Wait under c0.
func tooManyConditionPairs(work func(), c0, c1, c2, c3, c4, c5, c6, c7 bool) {
	var wg sync.WaitGroup
	if c0 {
		wg.Add(1) // want `goroutines added to wg are not awaited on every path`
		go func() { defer wg.Done(); work() }()
	}
	if c1 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c2 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c3 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c4 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c5 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c6 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c7 {
		wg.Add(1)
		go func() { defer wg.Done(); work() }()
	}
	if c0 {
		wg.Wait()
	}
	if c1 {
		wg.Wait()
	}
	if c2 {
		wg.Wait()
	}
	if c3 {
		wg.Wait()
	}
	if c4 {
		wg.Wait()
	}
	if c5 {
		wg.Wait()
	}
	if c6 {
		wg.Wait()
	}
	if c7 {
		wg.Wait()
	}
}
