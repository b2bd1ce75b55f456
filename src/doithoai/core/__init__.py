"""Pure rules of the domain: no Django imports here."""
