package blockingcallback

import (
	"net/http"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"blockingcallback/dep"
)

type model struct {
	program *tea.Program
	status  int
	spinner spinner
	url     string
}

func (m model) Init() tea.Cmd { return nil }
func (m model) View() string  { return "" }

type statusMsg int

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		time.Sleep(100 * time.Millisecond) // want `time.Sleep blocks Bubble Tea's Update`
	case tea.WindowSizeMsg:
		resp, err := http.Get(m.url) // want `http.Get waits on the network or another process and blocks Bubble Tea's Update`
		if err == nil {
			m.status = resp.StatusCode
		}
	case statusMsg:
		m.program.Send(tea.Quit()) // want `m.program.Send may block on a channel \(1 call deep\) and block Bubble Tea's Update`
	default:
		_ = msg
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return m, cmd
}

// spinner is a component: its Update runs inside the program's Update.
type spinner struct{ frame int }

func (s spinner) Update(msg tea.Msg) (spinner, tea.Cmd) {
	dep.Nap() // want `dep.Nap may sleep \(2 calls deep\) and block Bubble Tea's Update`
	s.frame++
	return s, nil
}

type fetchModel struct{ url string }

func (m *fetchModel) Init() tea.Cmd { return nil }
func (m *fetchModel) View() string  { return "" }

// Update calls the command itself instead of returning it.
func (m *fetchModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return m, tea.Batch(m.fetch(), nil) // want `m.fetch may wait on the network or another process \(2 calls deep\) and block Bubble Tea's Update`
}

func (m *fetchModel) fetch() tea.Cmd {
	resp, err := dep.Fetch(m.url)
	return func() tea.Msg {
		if err != nil {
			return err
		}
		return resp.StatusCode
	}
}
