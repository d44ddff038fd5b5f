// Package lib holds channel functions whose summaries facts.go imports.
package lib

// Send sends once.
func Send(out chan<- int) { out <- 1 } // want Send:"out\\(send=1\\)"

// Drain receives until out is closed.
func Drain(in <-chan int) { // want Drain:"in\\(recv\\)"
	for range in {
	}
}
