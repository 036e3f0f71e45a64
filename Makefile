# vigil — common tasks. The default build is pure Go (CGO_ENABLED=0).
GO        ?= go
PKGS      := ./...
FUZZTIME  ?= 15s
export CGO_ENABLED ?= 0

.PHONY: build test bench fuzz lint

build:
	$(GO) build -trimpath -o bin/vigil ./cmd/vigil

test:
	$(GO) test -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# fuzz runs every Fuzz* target for FUZZTIME each (go test allows one target per run).
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l .; echo "gofmt needed"; exit 1)
	$(GO) vet $(PKGS)
