package plugin

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/golangci/plugin-module-register/register"
)

func TestPlugin(t *testing.T) {
	newPlugin, err := register.GetPlugin("crisislint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"disable": []string{"queryinloop"}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != len(analyzers.All)-1 {
		t.Errorf("got %d analyzers, want all but queryinloop", len(as))
	}
	for _, a := range as {
		if a.Name == "queryinloop" {
			t.Error("queryinloop is disabled but built")
		}
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	if _, err := newPlugin(map[string]any{"disable": []string{"nosuch"}}); err == nil {
		t.Error("an unknown analyzer in disable is accepted")
	}
	if _, err := newPlugin(map[string]any{"enable": true}); err == nil {
		t.Error("an unknown setting is accepted")
	}
}
