// Package tea is a stub of github.com/charmbracelet/bubbletea for
// fixtures: the API shape, and bodies that wait where the real ones do
// (Program.Send blocks until the event loop takes the message).
package tea

import (
	"context"
	"time"
)

// Msg is any message the program's Update receives.
type Msg interface{}

// Model is what the program runs: Update is called on the event loop,
// one message at a time.
type Model interface {
	Init() Cmd
	Update(Msg) (Model, Cmd)
	View() string
}

// Cmd is run by the program in a goroutine of its own; the Msg it
// returns is sent to Update.
type Cmd func() Msg

type KeyMsg struct{ Type int }

func (k KeyMsg) String() string { return "" }

type WindowSizeMsg struct{ Width, Height int }

func Quit() Msg { return nil }

func Batch(cmds ...Cmd) Cmd { return nil }

func Sequence(cmds ...Cmd) Cmd { return nil }

func Tick(d time.Duration, fn func(time.Time) Msg) Cmd {
	return func() Msg { return fn(<-time.After(d)) }
}

type ProgramOption func(*Program)

type Program struct {
	ctx  context.Context
	msgs chan Msg
}

func NewProgram(model Model, opts ...ProgramOption) *Program {
	return &Program{ctx: context.Background(), msgs: make(chan Msg)}
}

func (p *Program) Run() (Model, error) { return nil, nil }

// Send hands msg to the event loop, waiting until the loop takes it.
func (p *Program) Send(msg Msg) {
	select {
	case <-p.ctx.Done():
	case p.msgs <- msg:
	}
}
