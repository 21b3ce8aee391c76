// The generated types, client and server stubs come from openapi.yaml (swift-openapi-generator).
