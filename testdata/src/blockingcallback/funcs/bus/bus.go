// Package bus is a project's own serial dispatcher: it runs the
// callbacks it is given one at a time, on one goroutine.
package bus

type Event struct{ Name string }

type Bus struct{ subs map[string][]func(Event) }

func (b *Bus) Subscribe(topic string, fn func(Event)) {
	b.subs[topic] = append(b.subs[topic], fn)
}

func On(name string, fn func()) {}

// Go runs fn in a goroutine of its own: not a serial dispatcher.
func Go(fn func()) { go fn() }
