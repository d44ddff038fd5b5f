package paths

import (
	"context"
	"errors"
	"log"
	"os"
	"sync"
	"testing"

	"fatal"
)

// ok: defer wg.Wait() before the first Add covers every return.
func deferredWait(items []int) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	return nil
}

// ok: both branches wait.
func waitInBothBranches(fast bool) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if fast {
		wg.Wait()
		return nil
	}
	work(2)
	wg.Wait()
	return nil
}

// ok: break leaves the loop and reaches the wait.
func loopWithBreak(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		if it == 0 {
			break
		}
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait()
}

// ok: every case of the select falls through to the wait.
func selectThenWait(ctx context.Context, ch <-chan int) error {
	var wg sync.WaitGroup
	wg.Go(func() { work(1) })
	var err error
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case v := <-ch:
		work(v)
	}
	wg.Wait()
	return err
}

// ok: the early exits panic or end the process; they do not return.
func exitsDoNotReturn(items []int, logger *log.Logger) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	switch {
	case len(items) == 0:
		panic("no items")
	case len(items) == 1:
		os.Exit(2)
	case len(items) == 2:
		log.Fatalf("two items")
	case len(items) == 3:
		logger.Panicln("three items")
	}
	wg.Wait()
}

// ok: t.Fatal and t.Skip stop the test; they do not return.
func testStops(t *testing.T, items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if len(items) == 0 {
		t.Fatal("no items")
	}
	if len(items) == 1 {
		t.Skip("one item")
	}
	wg.Wait()
}

// ok: a deferred closure that waits covers every return.
func deferredClosureWait(items []int) error {
	var wg sync.WaitGroup
	results := make([]int, len(items))
	defer func() {
		wg.Wait()
		work(len(results))
	}()
	for i, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = it }()
	}
	return nil
}

// ok: an early return before the first Add leaves nothing behind.
func returnBeforeAdd(items []int) error {
	if len(items) == 0 {
		return errors.New("empty")
	}
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); work(it) }()
	}
	wg.Wait()
	return nil
}

// ok: each iteration waits for its own batch before the next return.
func waitPerBatch(batches [][]int) error {
	for _, b := range batches {
		if len(b) == 0 {
			return errors.New("empty batch")
		}
		var wg sync.WaitGroup
		for _, it := range b {
			wg.Add(1)
			go func() { defer wg.Done(); work(it) }()
		}
		wg.Wait()
	}
	return nil
}

// ok: Wait on a sync.WaitGroup has no error to discard.
func waitGroupWaitStatement() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	wg.Wait()
}

// ok: the Add and the Wait sit under the same stable condition, so no
// path adds without waiting (badger's bank test starts its subscriber so).
func sameConditionAddAndWait(checkSubscriber bool, work func()) {
	var subWg sync.WaitGroup
	if checkSubscriber {
		subWg.Add(1)
		go func() {
			defer subWg.Done()
			work()
		}()
	}
	work()
	if checkSubscriber {
		subWg.Wait()
	}
}

type options struct{ verify bool }

// ok: a field path that the function never assigns is as stable, negated too.
func sameFieldConditionNegated(o *options, work func()) {
	var wg sync.WaitGroup
	if o.verify {
		wg.Go(work)
	}
	if !o.verify {
		return
	}
	wg.Wait()
}

// ok: thirty independent ifs that guard no Add or Wait lie between the
// Add and the Wait under the same condition: the search remembers only
// the condition that guards them, so it neither loses the pairing nor
// explores the 2^30 combinations of the others.
func manyUnrelatedConditions(checkSubscriber bool, work func(),
	c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29 bool) {
	var wg sync.WaitGroup
	if checkSubscriber {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	if c0 {
		println(0)
	}
	if c1 {
		println(1)
	}
	if c2 {
		println(2)
	}
	if c3 {
		println(3)
	}
	if c4 {
		println(4)
	}
	if c5 {
		println(5)
	}
	if c6 {
		println(6)
	}
	if c7 {
		println(7)
	}
	if c8 {
		println(8)
	}
	if c9 {
		println(9)
	}
	if c10 {
		println(10)
	}
	if c11 {
		println(11)
	}
	if c12 {
		println(12)
	}
	if c13 {
		println(13)
	}
	if c14 {
		println(14)
	}
	if c15 {
		println(15)
	}
	if c16 {
		println(16)
	}
	if c17 {
		println(17)
	}
	if c18 {
		println(18)
	}
	if c19 {
		println(19)
	}
	if c20 {
		println(20)
	}
	if c21 {
		println(21)
	}
	if c22 {
		println(22)
	}
	if c23 {
		println(23)
	}
	if c24 {
		println(24)
	}
	if c25 {
		println(25)
	}
	if c26 {
		println(26)
	}
	if c27 {
		println(27)
	}
	if c28 {
		println(28)
	}
	if c29 {
		println(29)
	}
	if checkSubscriber {
		wg.Wait()
	}
}

// ok: the project's own fatal helper, in another package, ends the
// process: the path through it never returns without waiting.
func fatalHelperEndsPath(items []int) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); work(1) }()
	if len(items) == 0 {
		fatal.Exitf("no items")
		return errors.New("unreachable")
	}
	wg.Wait()
	return nil
}
