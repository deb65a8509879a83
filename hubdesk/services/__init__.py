"""Use cases. One public method is one transaction; DTOs in and out; DomainError on refusal."""
