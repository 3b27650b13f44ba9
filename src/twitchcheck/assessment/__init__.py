"""Assessment layer: engine + triage → the contract result (product.md), ready for any adapter."""
