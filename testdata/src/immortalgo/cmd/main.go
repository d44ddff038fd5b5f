// Package main shows which goroutines of a program live as long as the
// process.
package main

import (
	"net/http"
	"time"
)

type poller struct{ n int }

func (p *poller) poll() { // want poll:"neverReturns"
	for {
		time.Sleep(time.Second)
		p.n++
	}
}

// ok: main runs for the life of the process.
func main() {
	p := &poller{}
	go p.poll()
	start(p)
	http.HandleFunc("/poll", func(http.ResponseWriter, *http.Request) {
		go p.poll() // want `goroutine running p.poll can never stop`
	})
	http.HandleFunc("/start", handler)
}

// ok: start is only ever called from main.
func start(p *poller) {
	go p.poll()
}

// handler runs once per request.
func handler(http.ResponseWriter, *http.Request) {
	p := &poller{}
	go p.poll() // want `goroutine running p.poll can never stop`
}

type command interface{ Run(args []string) int }

type agent struct{ p *poller }

func (a *agent) Run([]string) int { return 0 }

// Command factories in a package-level table built in init: the program
// runs one per process.
var commands map[string]func() (command, error)

func init() {
	commands = map[string]func() (command, error){
		"agent": func() (command, error) {
			p := &poller{}
			go p.poll() // ok: one command per process
			return &agent{p: p}, nil
		},
	}
	commands["monitor"] = func() (command, error) {
		p := &poller{}
		go p.poll() // ok: one command per process
		return &agent{p: p}, nil
	}
}

// A routing table of handlers: each runs once per request.
var routes = map[string]func(http.ResponseWriter, *http.Request){
	"/agent": func(http.ResponseWriter, *http.Request) {
		p := &poller{}
		go p.poll() // want `goroutine running p.poll can never stop`
	},
}
