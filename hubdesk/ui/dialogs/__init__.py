"""Forms with inline validation; they save through services and stay open on a refusal."""
