package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestKeysCreateListRevoke(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("VIGIL_DATABASE_URL", "")
	out, err := run(t, "", "keys", "create", "--name", "ci", "--scopes", "scan,admin", "--rate-limit", "120", "--format", "json", "--data-dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	var k struct {
		ID, Name, Key string
		Scopes        []string
		RateLimit     int `json:"rate_limit"`
	}
	if err := json.Unmarshal([]byte(out), &k); err != nil || !strings.HasPrefix(k.Key, "vgl_") || k.ID == "" {
		t.Fatalf("keys create --format json: %v\n%s", err, out)
	}
	if strings.Join(k.Scopes, ",") != "admin,scan" || k.RateLimit != 120 || k.Name != "ci" {
		t.Errorf("created key %+v", k)
	}
	text, err := run(t, "", "keys", "create", "--name", "second", "--data-dir", dir)
	if err != nil || !strings.Contains(text, "shown only now") || !strings.Contains(text, "vgl_") {
		t.Errorf("keys create text: %v\n%s", err, text)
	}
	if _, err := run(t, "", "keys", "revoke", k.ID, "--data-dir", dir); err != nil {
		t.Fatal(err)
	}
	list, err := run(t, "", "keys", "list", "--format", "json", "--data-dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	var keys []struct {
		ID, Name  string
		RevokedAt string `json:"revoked_at"`
	}
	json.Unmarshal([]byte(list), &keys)
	if len(keys) != 2 || keys[0].ID != k.ID || keys[0].RevokedAt == "" || keys[1].RevokedAt != "" {
		t.Errorf("keys list after revoking the first: %s", list)
	}
	if strings.Contains(list, "vgl_") && strings.Contains(list, k.Key) {
		t.Error("keys list shows a secret")
	}
	table, _ := run(t, "", "keys", "list", "--data-dir", dir)
	if !strings.HasPrefix(table, "ID") || strings.Count(table, "\n") != 3 {
		t.Errorf("keys list table:\n%s", table)
	}
}

func TestKeysErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("VIGIL_DATABASE_URL", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"name is required", []string{"keys", "create"}, "name"},
		{"unknown scope", []string{"keys", "create", "--name", "x", "--scopes", "root"}, "scope"},
		{"negative rate limit", []string{"keys", "create", "--name", "x", "--rate-limit", "-1"}, "rate_limit"},
		{"revoke an unknown key", []string{"keys", "revoke", "key_nope"}, "not found"},
		{"bad format", []string{"keys", "list", "--format", "xml"}, "--format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, "", append(tt.args, "--data-dir", dir)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
