// Package loops is run with -blockingcallback.loops: a range over a
// slice, map or string from input counts as a long loop too.
package loops

import "context"

type batch struct{ items []int }

func serve(ctx context.Context, batches <-chan batch, names <-chan map[string]int, tick <-chan struct{}) (sum int) {
	for {
		select {
		case b := <-batches:
			for _, v := range b.items { // want `loop over b.items with no yield point blocks this dispatch loop`
				sum += v
			}
			for i := 0; i < len(b.items); i++ { // want `loop of len\(b.items\) rounds`
				sum -= b.items[i]
			}
		case m := <-names:
			for k := range m { // want `loop over m with no yield point`
				sum += len(k)
			}
			for _, v := range []int{1, 2, 3} { // ok: a literal has a fixed length
				sum += v
			}
		case <-tick:
			sum++
		case <-ctx.Done():
			return sum
		}
	}
}
