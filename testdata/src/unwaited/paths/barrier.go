package paths

import (
	"errors"
	"io"
	"sync"
)

// Start barriers: every goroutine marks the group done as its first
// statement, so Wait only means "every goroutine has started"; the
// goroutines outlive the function on every path, and a path that skips
// the Wait leaves behind nothing a Wait would have stopped.

func open(string) (io.ReadCloser, error) { return nil, errors.New("refused") }
func parse(string) error                 { return nil }

// ok: containerd's CopyConsole: the copier marks done first, then copies
// for as long as the console lives; the error returns skip a Wait that
// would only have waited for it to start.
func copyConsole(console io.Writer, stdin, stdout string) error {
	var cwg sync.WaitGroup
	if stdin != "" {
		in, err := open(stdin)
		if err != nil {
			return err
		}
		cwg.Add(1)
		go func() {
			cwg.Done()
			io.Copy(console, in)
			in.Close()
		}()
	}
	if err := parse(stdout); err != nil {
		return err
	}
	out, err := open(stdout)
	if err != nil {
		return err
	}
	cwg.Add(1)
	go func() {
		cwg.Done()
		io.Copy(console, out)
	}()
	cwg.Wait()
	return nil
}

// ok: defers before the Done run at the goroutine's end; the Done is
// still the first thing it does.
func barrierAfterDefer(release func(), next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer release()
		wg.Done()
		work(1)
	}()
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// The nearest join: the Done comes last, not deferred, so Wait waits for
// the work and the early return leaves it running.
func doneLast(next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	go func() {
		work(1)
		wg.Done()
	}()
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// One goroutine is a barrier, the other a worker: the group joins the
// worker, so it is not a barrier.
func barrierAndWorker(next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	go func() {
		wg.Done()
		work(1)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		work(2)
	}()
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// A Done first but under a condition is not a barrier: on the other way
// the goroutine marks done later.
func conditionalFirstDone(early bool, next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	go func() {
		if early {
			wg.Done()
			return
		}
		work(1)
		wg.Done()
	}()
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}
