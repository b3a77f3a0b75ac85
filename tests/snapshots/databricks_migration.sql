CREATE TABLE alembic_version (
    version_num STRING NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

-- Running upgrade  -> 0001

CREATE TABLE projects (
    id STRING NOT NULL, 
    project_number STRING NOT NULL, 
    name STRING NOT NULL, 
    company STRING NOT NULL, 
    currency STRING NOT NULL, 
    created_at TIMESTAMP_NTZ NOT NULL, 
    CONSTRAINT pk_projects PRIMARY KEY (id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

CREATE TABLE budget_lines (
    id STRING NOT NULL, 
    project_id STRING NOT NULL, 
    cost_category STRING NOT NULL, 
    gl_account STRING NOT NULL, 
    description STRING NOT NULL, 
    budget_amount DECIMAL(12, 2) NOT NULL, 
    created_at TIMESTAMP_NTZ NOT NULL, 
    CONSTRAINT pk_budget_lines PRIMARY KEY (id), 
    CONSTRAINT fk_budget_lines_project_id_projects FOREIGN KEY(project_id) REFERENCES projects (id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

CREATE TABLE invoices (
    id STRING NOT NULL, 
    project_id STRING NOT NULL, 
    invoice_number STRING NOT NULL, 
    vendor_name STRING NOT NULL, 
    vendor_id STRING NOT NULL, 
    po_number STRING NOT NULL, 
    status STRING NOT NULL, 
    integration_status STRING NOT NULL, 
    error_code STRING, 
    error_message STRING, 
    total_amount DECIMAL(12, 2) NOT NULL, 
    currency STRING NOT NULL, 
    payment_terms STRING NOT NULL, 
    invoice_date DATE NOT NULL, 
    due_date DATE NOT NULL, 
    submitted_at TIMESTAMP_NTZ, 
    approved_at TIMESTAMP_NTZ, 
    paid_at TIMESTAMP_NTZ, 
    days_pending INT NOT NULL, 
    created_at TIMESTAMP_NTZ NOT NULL, 
    updated_at TIMESTAMP_NTZ NOT NULL, 
    CONSTRAINT pk_invoices PRIMARY KEY (id), 
    CONSTRAINT fk_invoices_project_id_projects FOREIGN KEY(project_id) REFERENCES projects (id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

CREATE TABLE invoice_lines (
    id STRING NOT NULL, 
    invoice_id STRING NOT NULL, 
    budget_line_id STRING, 
    line_number INT NOT NULL, 
    cost_category STRING NOT NULL, 
    description STRING NOT NULL, 
    quantity DECIMAL(12, 2) NOT NULL, 
    unit_of_measure STRING NOT NULL, 
    unit_price DECIMAL(12, 2) NOT NULL, 
    tax_code STRING NOT NULL, 
    line_amount DECIMAL(12, 2) NOT NULL, 
    CONSTRAINT pk_invoice_lines PRIMARY KEY (id), 
    CONSTRAINT fk_invoice_lines_invoice_id_invoices FOREIGN KEY(invoice_id) REFERENCES invoices (id), 
    CONSTRAINT fk_invoice_lines_budget_line_id_budget_lines FOREIGN KEY(budget_line_id) REFERENCES budget_lines (id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

CREATE TABLE integration_responses (
    id STRING NOT NULL, 
    invoice_id STRING NOT NULL, 
    operation STRING NOT NULL, 
    request_payload STRING NOT NULL, 
    response_payload STRING NOT NULL, 
    response_status STRING NOT NULL, 
    error_code STRING, 
    error_details STRING, 
    requested_at TIMESTAMP_NTZ NOT NULL, 
    responded_at TIMESTAMP_NTZ NOT NULL, 
    CONSTRAINT pk_integration_responses PRIMARY KEY (id), 
    CONSTRAINT fk_integration_responses_invoice_id_invoices FOREIGN KEY(invoice_id) REFERENCES invoices (id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

INSERT INTO alembic_version (version_num) VALUES ('0001');

-- Running upgrade 0001 -> 0002

CREATE TABLE seed_runs (
    run_id STRING NOT NULL, 
    started_at TIMESTAMP_NTZ NOT NULL, 
    finished_at TIMESTAMP_NTZ, 
    outcome STRING NOT NULL, 
    user_name STRING NOT NULL, 
    host_name STRING NOT NULL, 
    tool_version STRING NOT NULL, 
    project_id STRING NOT NULL, 
    options STRING NOT NULL, 
    row_counts STRING, 
    message STRING, 
    CONSTRAINT pk_seed_runs PRIMARY KEY (run_id)
) USING DELTA
TBLPROPERTIES('delta.feature.allowColumnDefaults' = 'enabled');

UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001';

-- Running upgrade 0002 -> 0003

UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002';

