package unboundedgo

import (
	"bufio"
	"context"
	"iter"
	"maps"
	"sync"

	"golang.org/x/sync/errgroup"

	"unboundedgo/dep"
)

func fetch(url string) error { _ = url; return nil }

func handle(job string) {}

func oneGoroutinePerURL(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() { // want `goroutine started for each element of urls with no limit on how many run at once; bound them with errgroup.SetLimit`
			defer wg.Done()
			fetch(u)
		}()
	}
	wg.Wait()
}

func namedFunctionPerItem(urls []string) {
	for _, u := range urls {
		go fetch(u) // want `goroutine started for each element of urls`
	}
}

func perMapEntry(hosts map[string]int) {
	for h := range hosts {
		go fetch(h) // want `goroutine started for each entry of hosts`
	}
}

func perValueReceived(jobs <-chan string) { // want perValueReceived:"drains\\(0\\)"
	for j := range jobs {
		go handle(j) // want `goroutine started for each value received from jobs`
	}
}

func perIteratorValue(seq iter.Seq[string]) {
	for s := range seq {
		go handle(s) // want `goroutine started for each value of seq`
	}
}

func countedUpToLength(urls []string) {
	for i := 0; i < len(urls); i++ {
		go fetch(urls[i]) // want `goroutine started for each index below len\(urls\)`
	}
}

func countingDown(urls []string) {
	for i := len(urls) - 1; i >= 0; i-- {
		go fetch(urls[i]) // want `goroutine started for each index below len\(urls\) - 1`
	}
}

func dispatchLoop(ctx context.Context, in <-chan string) { // want dispatchLoop:"drains\\(1\\)"
	for {
		select {
		case j := <-in:
			go handle(j) // want `goroutine started for each value received from in`
		case <-ctx.Done():
			return
		}
	}
}

func scannerLines(sc *bufio.Scanner) {
	for sc.Scan() {
		go handle(sc.Text()) // want `goroutine started for each iteration of sc.Scan\(\)`
	}
}

func errgroupWithoutLimit(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts a goroutine for each element of urls and g has no limit; call g.SetLimit before the loop`
	}
	return g.Wait()
}

func setLimitAfterTheLoop(urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `g.Go starts a goroutine for each element of urls and g has no limit`
	}
	g.SetLimit(4) // too late: the goroutines are running
	return g.Wait()
}

func waitGroupGo(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { fetch(u) }) // want `wg.Go starts a goroutine for each element of urls with no limit`
	}
	wg.Wait()
}

func constantInnerLoop(urls []string) {
	for _, u := range urls {
		for range 3 {
			go fetch(u) // want `goroutine started for each element of urls`
		}
	}
}

// results carries data, not slots: the send hands a value over, so it
// limits nothing.
func dataSendIsNoSemaphore(urls []string) {
	results := make(chan string, 1)
	for _, u := range urls {
		results <- u
		go func() { // want `goroutine started for each element of urls`
			r := <-results
			fetch(r)
		}()
	}
}

// Each goroutine drains its own channel, made in the iteration: one per
// item, not a pool.
func perItemChannel(urls []string) {
	for _, u := range urls {
		ch := make(chan string, 1)
		go func() { // want `goroutine started for each element of urls`
			for v := range ch {
				fetch(v)
			}
		}()
		ch <- u
		close(ch)
	}
}

func calleeWithoutLimit(urls []string) {
	for _, u := range urls {
		go dep.Fetch(u) // want `goroutine started for each element of urls`
	}
}

// A select with a default does not wait: the next iteration starts at once.
func pollIsNoJoin(urls []string, done chan struct{}) {
	for _, u := range urls {
		go fetch(u) // want `goroutine started for each element of urls`
		select {
		case <-done:
		default:
		}
	}
}

func resultsSizedByInput(urls []string) []error {
	errs := make([]error, len(urls))
	for i := range errs {
		go func() { errs[i] = fetch(urls[i]) }() // want `goroutine started for each element of errs`
	}
	return errs
}

func lengthInAVariable(urls []string) {
	n := len(urls)
	for i := 0; i < n; i++ {
		go handle(urls[i]) // want `goroutine started for each index below n`
	}
}

func subslice(urls []string) {
	rest := urls[1:]
	for _, u := range rest {
		go fetch(u) // want `goroutine started for each element of rest`
	}
}

func sortedKeys(hosts map[string]bool) {
	for h := range maps.Keys(hosts) {
		go fetch(h) // want `goroutine started for each value of maps.Keys\(hosts\)`
	}
}

func throughPointer(urls *[]string) {
	for _, u := range *urls {
		go fetch(u) // want `goroutine started for each element of \*urls`
	}
}

// dep.FetchEach limits its own goroutines, not the caller's.
func calleeLimitsItsOwn(batches [][]string) {
	for _, b := range batches {
		dep.FetchEach(b)
		go fetch(b[0]) // want `goroutine started for each element of batches`
	}
}

// pool's Acquire hands out a resource; it is not a limiter's acquire.
type pool interface {
	Acquire(ctx context.Context) (string, error)
}

func poolAcquireIsNoLimit(ctx context.Context, p pool, urls []string) {
	for _, u := range urls {
		if _, err := p.Acquire(ctx); err != nil {
			return
		}
		go fetch(u) // want `goroutine started for each element of urls with no limit`
	}
}
