package unclosedrange

import "sync"

// ok: alertmanager's bulkImport (cli/silence_import.go): errc is closed
// in a local closure, through a sync.Once, and the closure is deferred
// right after setup, so every return after the consumer starts closes
// it.
func importDeferredClosure(items []string, workers int) error {
	silencec := make(chan string, 100)
	errc := make(chan error, 100)
	errDone := make(chan struct{})
	var wg sync.WaitGroup
	var once sync.Once
	closeChannels := func() {
		once.Do(func() {
			close(silencec)
			wg.Wait()
			close(errc)
			<-errDone
			close(errDone)
		})
	}
	defer closeChannels()
	for range workers {
		wg.Go(func() {
			for s := range silencec {
				errc <- check(s)
			}
		})
	}
	errCount := 0
	go func() {
		for err := range errc {
			if err != nil {
				errCount++
			}
		}
		errDone <- struct{}{}
	}()
	for _, it := range items {
		if it == "" {
			return errStop
		}
		silencec <- it
	}
	closeChannels()
	if errCount > 0 {
		return errStop
	}
	return nil
}

// ok: the closure is deferred after the consumer starts, but before any
// return: every way out still runs it.
func deferClosureAfterStart(items []string) error {
	ch := make(chan string)
	done := make(chan struct{})
	stop := func() {
		close(ch)
		<-done
	}
	go func() {
		defer close(done)
		for it := range ch {
			_ = it
		}
	}()
	defer stop()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	return nil
}

// The deferred closure closes only on one branch: when flush is false,
// no return closes ch and the consumer ranges for good.
func deferredClosureOneBranch(items []string, flush bool) error {
	ch := make(chan string)
	cleanup := func() {
		if flush {
			close(ch)
		}
	}
	defer cleanup()
	go func() {
		for it := range ch { // want `range over ch may never end: deferredClosureOneBranch can return without closing ch`
			_ = it
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	return nil
}

// The same through a sync.Once whose function closes on one branch only.
func deferredOnceOneBranch(items []string, flush bool) error {
	ch := make(chan string)
	var once sync.Once
	cleanup := func() {
		once.Do(func() {
			if flush {
				close(ch)
			}
		})
	}
	defer cleanup()
	go func() {
		for it := range ch { // want `range over ch may never end: deferredOnceOneBranch can return without closing ch`
			_ = it
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	cleanup()
	return nil
}

// The closure is deferred after a return that can skip it.
func deferredClosureTooLate(items []string) error {
	ch := make(chan string)
	cleanup := func() { close(ch) }
	go func() {
		for it := range ch { // want `range over ch may never end: deferredClosureTooLate can return without closing ch`
			_ = it
		}
	}()
	if len(items) == 0 {
		return errStop
	}
	defer cleanup()
	for _, it := range items {
		ch <- it
	}
	return nil
}

// The variable deferred is assigned twice: when quiet, the literal that
// runs closes nothing. Which one runs is not followed; the variable is
// not taken to close.
func deferredClosureReassigned(items []string, quiet bool) error {
	ch := make(chan string)
	cleanup := func() { close(ch) }
	if quiet {
		cleanup = func() {}
	}
	defer cleanup()
	go func() {
		for it := range ch { // want `range over ch may never end: deferredClosureReassigned can return without closing ch`
			_ = it
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	return nil
}
