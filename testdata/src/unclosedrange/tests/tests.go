// Package tests is test support: with -unclosedrange.tests its ranges
// are reported too.
package tests

import "testing"

func collect(t *testing.T, items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	sum := 0
	for v := range ch { // want `range over ch never ends`
		sum += v
	}
	return sum
}
